import { ConsentExpiryScheduler } from '../src/pupils/expire-consents/consent-expiry.scheduler';
import { type LedgerApp, consentBody, enrolBody, startLedger } from './support/ledger-app';

let ledger: LedgerApp;
const registrar = () => ledger.as('registrar');
const pass = () => ledger.app.get(ConsentExpiryScheduler).run();
const types = async (id: string) => (await ledger.stream(id)).map((e) => e.type);

beforeAll(async () => {
  ledger = await startLedger();
  ledger.clock.current = '2025-09-01T08:00:00.000Z';
  for (const id of ['x', 'y', 'z']) {
    await registrar().post('/pupils', enrolBody(id)).expect(201);
    await registrar().post(`/pupils/${id}/consents`, consentBody(id, 'photo-class-page')).expect(201);
  }
  ledger.clock.current = '2026-02-01T08:00:00.000Z';
  await registrar().post('/pupils/y/consents/photo-class-page/withdrawal', { guardianId: 'y-mum' }).expect(201);
  await registrar().post('/pupils/z/dossier-destruction', { reason: 'erasure_request' }).expect(201);
});
afterAll(() => ledger.close());

describe('the consent expiry pass', () => {
  it('announces nothing before the school year ends', async () => {
    ledger.clock.current = '2026-07-31T21:59:00.000Z';
    expect(await pass()).toBe(0);
    expect(await types('x')).not.toContain('ConsentExpired');
  });

  it('appends ConsentExpired at the moment the school year ended, for consents that still stood', async () => {
    ledger.clock.current = '2026-08-20T09:00:00.000Z';
    expect(await pass()).toBe(1);
    const expired = (await ledger.stream('x')).find((e) => e.type === 'ConsentExpired')!;
    expect(expired).toMatchObject({
      occurredAt: '2026-07-31T22:00:00.000Z',
      recordedAt: '2026-08-20T09:00:00.000Z',
      data: { pupilId: 'x', purpose: 'photo-class-page', guardianId: 'x-mum' },
      metadata: { actor: { id: 'consent-expiry', role: 'system' } },
    });
    expect(await types('y')).not.toContain('ConsentExpired');
    expect(await types('z')).not.toContain('ConsentExpired');
  });

  it('is safe to run again, or twice at once: each lapse is announced once', async () => {
    expect(await Promise.all([pass(), pass()])).toEqual([0, 0]);
    expect((await types('x')).filter((t) => t === 'ConsentExpired')).toHaveLength(1);
  });

  it('changes no answer: the status was lapsed before the notice and stays so', async () => {
    const res = await ledger.as('director').get('/pupils/x/consents?at=2026-08-01T00:00:00Z&knownAt=2026-08-01T00:00:00Z').expect(200);
    expect(res.body.consents.find((c: { purpose: string }) => c.purpose === 'photo-class-page').status).toBe('lapsed');
  });
});
