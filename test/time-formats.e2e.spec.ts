import { join } from 'node:path';
import { type LedgerApp, consentBody, enrolBody, startLedger } from './support/ledger-app';
import { runLedger } from './support/ledger-cli';

/**
 * Issue 9, case 5: ISO 8601 forms outside RFC 3339 are refused with 400 naming the field, in
 * every time field of every body, in every time query parameter — never a 500, never a guess.
 * Runs under two host zones (jest projects e2e and e2e-auckland).
 */
let ledger: LedgerApp;
const registrar = () => ledger.as('registrar');

const REFUSED = [
  '2026-W40-1',
  '2026-274',
  '2026-10-01T0900Z',
  '2026-10-01T09:00:00,5Z',
  '+2026-10-01T09:00:00Z',
  '2026-10-01T09Z',
  '2026-10',
  '2026-10-01T09:00:00.1234Z',
  '20261001T090000Z',
  '2026-02-30T09:00:00Z',
  '2026-03-29T02:30:00',
  '2026-10-25T02:30',
];

beforeAll(async () => {
  ledger = await startLedger();
  ledger.clock.current = '2026-11-01T10:00:00.000Z';
  await registrar().post('/pupils', enrolBody('f-1')).expect(201);
  await registrar()
    .post('/pupils/f-1/consents', consentBody('f-1', 'share-library', { givenAt: '2025-09-01T09:00:00' }))
    .expect(201);
  await registrar()
    .post('/recipients', { recipientId: 'lib', name: 'Bibliotheek', kind: 'third_party', purpose: 'share-library', dataCategories: ['identity'] })
    .expect(201);
  await registrar()
    .post('/recipients', { recipientId: 'pub', name: 'Uitgeverij', kind: 'processor', dataCategories: ['identity'] })
    .expect(201);
  await registrar()
    .post('/recipients/pub/agreements', { agreementId: 'a-1', validFrom: '2025-08-01', dataCategories: ['identity'] })
    .expect(201);
});
afterAll(() => ledger.close());

/** Every route and field that takes a time, with a body that is valid but for that field. */
const BODIES: [string, string, (value: string) => object][] = [
  ['/pupils/f-1/consents', 'givenAt', (v) => consentBody('f-1', 'share-printer', { givenAt: v })],
  ['/pupils/f-1/consents', 'validUntil', (v) => consentBody('f-1', 'share-printer', { validUntil: v })],
  ['/pupils/f-1/consents/share-printer/refusal', 'refusedAt', (v) => ({ guardianId: 'f-1-dad', refusedAt: v })],
  ['/pupils/f-1/consents/share-library/withdrawal', 'withdrawnAt', (v) => ({ guardianId: 'f-1-mum', withdrawnAt: v })],
  ['/pupils/f-1/dossier-destruction', 'destroyedAt', (v) => ({ reason: 'erasure_request', destroyedAt: v })],
  ['/data-sharings', 'sharedAt', (v) => ({ recipientId: 'lib', pupilIds: ['f-1'], dataCategories: ['identity'], legalBasis: 'consent', sharedAt: v })],
  ['/data-sharings', 'until', (v) => ({ recipientId: 'lib', pupilIds: ['f-1'], dataCategories: ['identity'], legalBasis: 'consent', until: v })],
  ['/recipients/pub/agreements', 'validFrom', (v) => ({ agreementId: 'a-2', validFrom: v, dataCategories: ['identity'] })],
  ['/recipients/pub/agreements', 'validUntil', (v) => ({ agreementId: 'a-2', validFrom: '2025-08-01', validUntil: v, dataCategories: ['identity'] })],
  ['/recipients/pub/agreements/a-1/end', 'endedAt', (v) => ({ endedAt: v })],
  ['/consent-checks', 'at', (v) => ({ purpose: 'share-library', pupilIds: ['f-1'], at: v })],
  ['/pupils', 'enrolledOn', (v) => enrolBody('f-2', { enrolledOn: v })],
  ['/pupils/f-1/departure', 'leftOn', (v) => ({ leftOn: v })],
];
const QUERIES: [string, string][] = [
  ['/pupils/f-1/consents', 'at'],
  ['/pupils/f-1/consents', 'knownAt'],
  ['/access?pupilId=f-1', 'at'],
  ['/reports/board', 'from'],
  ['/reports/board', 'to'],
  ['/reports/works-council', 'to'],
];

describe('case 5: times outside RFC 3339 are a 400 naming the field', () => {
  it.each(BODIES)('POST %s refuses each such %s, and records nothing', async (path, field, body) => {
    const before = await ledger.store.head();
    for (const value of REFUSED) {
      const res = await registrar().post(path, body(value));
      expect([value, res.status, res.body.error]).toEqual([value, 400, 'VALIDATION.INVALID']);
      expect(res.body.details).toEqual([expect.objectContaining({ field })]);
    }
    expect(await ledger.store.head()).toBe(before);
  });

  it.each(QUERIES)('GET %s refuses each such %s', async (path, field) => {
    const role = path.includes('works-council') ? 'works-council' : 'director';
    for (const value of REFUSED) {
      const res = await ledger.as(role).get(`${path}${path.includes('?') ? '&' : '?'}${field}=${encodeURIComponent(value)}`);
      expect([value, res.status, res.body.details]).toEqual([value, 400, [expect.objectContaining({ field })]]);
    }
  });

  it('says why: the clock change, the week date, the month', async () => {
    const problem = async (givenAt: string) =>
      (await registrar().post('/pupils/f-1/consents', consentBody('f-1', 'share-printer', { givenAt }))).body.details[0].problem;
    expect(await problem('2026-03-29T02:30:00')).toMatch(/does not exist in Amsterdam/);
    expect(await problem('2026-10-25T02:30')).toMatch(/twice/);
    expect(await problem('2026-W40-1')).toMatch(/week date/);
    expect(await problem('2026-10')).toMatch(/month/);
    expect(await problem('2026-10-01')).toMatch(/not a date alone/);
  });

  it('accepts the forms the contract names, each read the same on every host', async () => {
    const accepted: [string, string][] = [
      ['2026-10-25T02:30:00+02:00', '2026-10-25T00:30:00.000Z'],
      ['2026-10-25T02:30:00+01:00', '2026-10-25T01:30:00.000Z'],
      ['2026-10-01T09:00', '2026-10-01T07:00:00.000Z'],
      ['2026-10-01T09:00:00.5Z', '2026-10-01T09:00:00.500Z'],
    ];
    for (const [givenAt, stored] of accepted) {
      const res = await registrar()
        .post('/pupils/f-1/consents', consentBody('f-1', 'share-printer', { givenAt }))
        .expect(201);
      expect((await ledger.stream('f-1')).find((e) => e.eventId === res.body.eventId)?.occurredAt).toBe(stored);
    }
    const consents = await ledger.as('director').get('/pupils/f-1/consents?at=2026-10-01&knownAt=2026-11-01T11:00').expect(200);
    expect(consents.body).toMatchObject({ at: '2026-09-30T22:00:00.000Z', knownAt: '2026-11-01T10:00:00.000Z' });
  });

  it("reads the CLI's times with the same reader: refused forms are refused there too, dates read as in their field", async () => {
    const replay = (...times: string[]) => runLedger('--data-dir', ledger.dataDir, 'replay', '--out', join(ledger.dataDir, 'replay.db'), ...times);
    for (const [until, why] of [
      ['2026-10', /month/],
      ['2026-03-29T02:30', /does not exist in Amsterdam/],
      ['2026-W40-1', /week date/],
    ] as const)
      await expect(replay('--until', until)).rejects.toThrow(why);
    const whole = await replay('--until', '2026-10-31');
    expect([whole.code, JSON.parse(whole.out).to]).toEqual([0, '2026-10-31T22:59:59.999Z']);
    const local = await replay('--until', '2026-10-31T09:00', '--known-at', '2026-11-01');
    expect([local.code, JSON.parse(local.out).to]).toEqual([0, '2026-10-31T08:00:00.000Z']);
  });
});
