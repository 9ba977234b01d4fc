import { type LedgerApp, consentBody, enrolBody, startLedger } from './support/ledger-app';

let ledger: LedgerApp;
const registrar = () => ledger.as('registrar');
const director = () => ledger.as('director');

beforeAll(async () => {
  ledger = await startLedger();
  ledger.clock.current = '2025-09-01T10:00:00.000Z';
  await registrar().post('/pupils', enrolBody('q-1')).expect(201);
  await registrar()
    .post('/pupils/q-1/consents', consentBody('q-1', 'photo-website', { givenAt: '2025-08-30T09:00:00Z' }))
    .expect(201);
  // A paper withdrawal dated 10 September, typed in on 20 September.
  ledger.clock.current = '2025-09-20T10:00:00.000Z';
  await registrar().post('/pupils/q-1/consents/photo-website/withdrawal', { guardianId: 'q-1-mum', withdrawnAt: '2025-09-10T00:00:00Z' }).expect(201);
});
afterAll(() => ledger.close());

const statusOf = (body: { consents: { purpose: string; status: string }[] }, purpose: string) => body.consents.find((c) => c.purpose === purpose)?.status;

describe('GET /pupils/{id}/consents: as of a business time and a record time', () => {
  it('answers what was true at `at`, with all that is known now', async () => {
    const res = await director().get('/pupils/q-1/consents?at=2025-09-05T00:00:00Z').expect(200);
    expect(res.body).toMatchObject({ pupilId: 'q-1', at: '2025-09-05T00:00:00.000Z', knownAt: '2025-09-20T10:00:00.000Z' });
    const photo = res.body.consents.find((c: { purpose: string }) => c.purpose === 'photo-website');
    expect(photo).toMatchObject({ status: 'active', since: '2025-08-30T09:00:00.000Z', until: '2026-07-31T22:00:00.000Z', noticeVersion: 'v2025-1' });
    expect(photo.guardians).toEqual([expect.objectContaining({ guardianId: 'q-1-mum', decision: 'given' })]);
    expect(photo.eventIds).toHaveLength(1);
    expect(statusOf((await director().get('/pupils/q-1/consents?at=2025-09-12T00:00:00Z').expect(200)).body, 'photo-website')).toBe('withdrawn');
  });

  it('answers what the ledger knew at `knownAt`: the late paper form was not yet known on 15 September', async () => {
    const knew = await director().get('/pupils/q-1/consents?at=2025-09-12T00:00:00Z&knownAt=2025-09-15T00:00:00Z').expect(200);
    expect(statusOf(knew.body, 'photo-website')).toBe('active');
    const exact = await director().get('/pupils/q-1/consents?at=2025-09-12T00:00:00Z&knownAt=2025-09-20T10:00:00.000Z').expect(200);
    expect(statusOf(exact.body, 'photo-website')).toBe('withdrawn');
  });

  it('shows `none` for every purpose nothing was recorded for, and `lapsed` after the school year', async () => {
    expect(statusOf((await director().get('/pupils/q-1/consents').expect(200)).body, 'share-printer')).toBe('none');
    await registrar().post('/pupils', enrolBody('q-2')).expect(201);
    await registrar()
      .post('/pupils/q-2/consents', consentBody('q-2', 'photo-newsletter', { givenAt: '2025-09-01T00:00:00Z' }))
      .expect(201);
    expect(statusOf((await director().get('/pupils/q-2/consents?at=2026-08-01T00:00:00Z').expect(200)).body, 'photo-newsletter')).toBe('lapsed');
  });

  it('answers 404 for an unknown pupil and 400 for a malformed moment', async () => {
    await director().get('/pupils/nobody/consents').expect(404);
    const bad = await director().get('/pupils/q-1/consents?at=yesterday&knownAt=soon').expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['at', 'knownAt']);
  });
});

describe('POST /consent-checks: may this class photo go on the website?', () => {
  it('allows only pupils with active consent, and records nothing', async () => {
    await registrar().post('/pupils', enrolBody('q-3')).expect(201);
    await registrar().post('/pupils/q-3/consents', consentBody('q-3', 'photo-website')).expect(201);
    const before = await ledger.store.head();
    const res = await registrar()
      .post('/consent-checks', { purpose: 'photo-website', pupilIds: ['q-1', 'q-3', 'nobody'] })
      .expect(200);
    expect(res.body).toMatchObject({ purpose: 'photo-website', at: ledger.clock.current, allowed: false });
    expect(res.body.results.map((r: { pupilId: string; allowed: boolean; status: string }) => [r.pupilId, r.allowed, r.status])).toEqual([
      ['q-1', false, 'withdrawn'],
      ['q-3', true, 'active'],
      ['nobody', false, 'unknown_pupil'],
    ]);
    expect(await ledger.store.head()).toBe(before);
    await registrar()
      .post('/consent-checks', { purpose: 'photo-website', pupilIds: ['q-1'], at: '2025-09-05T00:00:00Z' })
      .expect(200)
      .expect((r) => expect(r.body.allowed).toBe(true));
  });

  it('refuses an unknown purpose with 400', () =>
    registrar()
      .post('/consent-checks', { purpose: 'tattoos', pupilIds: ['q-1'] })
      .expect(400));
});

describe('GET /pupils/{id}/history', () => {
  it('lists every event with both of its times and its position', async () => {
    const res = await ledger.as('auditor').get('/pupils/q-1/history').expect(200);
    expect(res.body.pupilId).toBe('q-1');
    expect(res.body.events.map((e: { type: string }) => e.type)).toEqual(['PupilEnrolled', 'ConsentGiven', 'ConsentWithdrawn']);
    expect(res.body.events[2]).toMatchObject({ occurredAt: '2025-09-10T00:00:00.000Z', recordedAt: '2025-09-20T10:00:00.000Z', position: expect.any(String) });
  });
});

describe('GET /events: the feed for downstream systems', () => {
  it('pages through the global order with `next`', async () => {
    const first = await ledger.as('system').get('/events?limit=2').expect(200);
    expect(first.body.events).toHaveLength(2);
    const rest = await ledger.as('system').get(`/events?after=${first.body.next}&limit=1000`).expect(200);
    const all = await ledger.as('system').get('/events?limit=1000').expect(200);
    expect([...first.body.events, ...rest.body.events]).toEqual(all.body.events);
    await ledger.as('system').get('/events?limit=0').expect(400);
    await director().get('/events').expect(403);
  });
});

describe('GET /audit/verify, /purposes, /health, /docs', () => {
  it('verifies an untouched ledger', async () => {
    const res = await ledger.as('auditor').get('/audit/verify').expect(200);
    expect(res.body).toEqual({
      ok: true,
      events: expect.any(Number),
      streams: expect.any(Number),
      checkpoints: expect.any(Number),
      kept: expect.any(Number),
      problems: [],
    });
    expect(res.body.events).toBeGreaterThan(5);
  });

  it('lists the purpose catalogue to every role', async () => {
    const res = await ledger.as('works-council').get('/purposes').expect(200);
    expect(res.body.purposes.find((p: { purpose: string }) => p.purpose === 'photo-website')).toEqual(
      expect.objectContaining({ yearly: true, dataCategories: ['photo-video'] }),
    );
    await ledger.as('system').get('/purposes').expect(200);
  });

  it('answers health without a key, and serves the OpenAPI document', async () => {
    const { default: request } = await import('supertest');
    const health = await request(ledger.app.getHttpServer()).get('/health').expect(200);
    expect(health.body).toMatchObject({ status: 'ok', checks: { store: { status: 'ok' } } });
    const doc = await request(ledger.app.getHttpServer()).get('/docs-json').expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/pupils', '/data-sharings', '/access', '/reports/works-council']));
  });
});
