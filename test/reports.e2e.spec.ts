import { type LedgerApp, consentBody, enrolBody, startLedger } from './support/ledger-app';

let ledger: LedgerApp;
const registrar = () => ledger.as('registrar');

beforeAll(async () => {
  ledger = await startLedger();
  for (let i = 0; i < 7; i++) {
    await registrar()
      .post('/pupils', enrolBody(`w-${i}`))
      .expect(201);
    if (i < 6)
      await registrar()
        .post(`/pupils/w-${i}/consents`, consentBody(`w-${i}`, 'photo-class-page'))
        .expect(201);
  }
  await registrar().post('/pupils/w-6/consents/photo-class-page/refusal', { guardianId: 'w-6-mum' }).expect(201);
  await registrar()
    .post('/recipients', { recipientId: 'duo', name: 'DUO', kind: 'authority', dataCategories: ['identity'] })
    .expect(201);
  await registrar()
    .post('/data-sharings', {
      recipientId: 'duo',
      pupilIds: ['w-0', 'w-1', 'w-2', 'w-3', 'w-4', 'w-5', 'w-6'],
      dataCategories: ['identity'],
      legalBasis: 'legal_obligation',
      legalReference: 'WPO art. 178a',
    })
    .expect(201);
});
afterAll(() => ledger.close());

describe('GET /reports/board', () => {
  it('reports consent rates, refusals and sharings per legal basis for the current school year', async () => {
    const res = await ledger.as('board').get('/reports/board?schoolId=s-1').expect(200);
    expect(res.body.consentRates).toContainEqual({ schoolId: 's-1', schoolYear: '2025-2026', purpose: 'photo-class-page', pupils: 7, active: 6, rate: 0.857 });
    expect(res.body.refusals).toEqual([{ schoolId: 's-1', schoolYear: '2025-2026', purpose: 'photo-class-page', count: 1 }]);
    expect(res.body.sharings).toEqual([{ schoolId: 's-1', legalBasis: 'legal_obligation', recipientId: 'duo', count: 7 }]);
    expect(res.body.destructions).toMatchObject({ due: 0, overdue: 0 });
  });

  it('refuses fields the contract does not name', () => ledger.as('board').get('/reports/board?school=s-1').expect(400));
});

describe('GET /reports/works-council', () => {
  // Everything above was recorded on 1 March; the works council counts whole months, so it sees it from April on.
  beforeAll(() => (ledger.clock.current = '2026-04-02T10:00:00.000Z'));
  afterAll(() => (ledger.clock.current = '2026-03-01T10:00:00.000Z'));

  it('shows the same aggregates for whole school years as of the last whole month: no pupil id, 1–4 suppressed, the rest rounded to 5', async () => {
    const res = await ledger.as('works-council').get('/reports/works-council').expect(200);
    expect(JSON.stringify(res.body)).not.toMatch(/w-\d/);
    expect(res.body).toMatchObject({ schoolYears: ['2025-2026'], asOf: '2026-03-31T22:00:00.000Z', from: '2025-07-31T22:00:00.000Z' });
    expect(res.body.refusals[0].count).toEqual({ suppressed: true });
    expect(res.body.sharings[0].count).toBe(5);
    expect(res.body.consentRates).toContainEqual(expect.objectContaining({ purpose: 'photo-class-page', pupils: 5, active: 5, rate: { suppressed: true } }));
  });

  it('answers two requests with to one second apart alike, whichever side of a fact they fall', async () => {
    const before = await ledger.as('works-council').get('/reports/works-council?to=2026-03-01T09:59:59Z').expect(200);
    const after = await ledger.as('works-council').get('/reports/works-council?to=2026-03-01T10:00:00Z').expect(200);
    expect(after.body).toEqual(before.body);
    const exact = await ledger.as('board').get('/reports/board?to=2026-03-01T09:59:59Z').expect(200);
    expect(exact.body.refusals).toEqual([]);
  });

  it('counts nothing recorded in the running month', async () => {
    ledger.clock.current = '2026-03-20T10:00:00.000Z';
    const res = await ledger.as('works-council').get('/reports/works-council').expect(200);
    expect(res.body).toMatchObject({ asOf: '2026-02-28T23:00:00.000Z', refusals: [], sharings: [] });
    ledger.clock.current = '2026-04-02T10:00:00.000Z';
  });
});

describe('GET /reports/board?knownAt', () => {
  it('counts only what was recorded by then, and is unchanged without it', async () => {
    const now = await ledger.as('board').get('/reports/board').expect(200);
    expect(now.body).not.toHaveProperty('knownAt');
    const before = await ledger.as('board').get('/reports/board?knownAt=2026-03-01T09:00:00Z').expect(200);
    expect(before.body).toMatchObject({ knownAt: '2026-03-01T09:00:00.000Z', refusals: [], sharings: [] });
    expect(now.body.refusals).toHaveLength(1);
  });
});

describe('a report period that cannot be meant', () => {
  it.each(['board', 'works-council'] as const)('/reports/%s: to before from is 400 naming both', async (report) => {
    const res = await ledger.as('board').get(`/reports/${report}?from=2026-02-01&to=2026-01-01`).expect(400);
    expect(res.body).toEqual({
      error: 'VALIDATION.INVALID',
      message: 'the report period ends before it begins: to (2026-01-01T22:59:59.999Z) lies before from (2026-01-31T23:00:00.000Z)',
      details: [
        { field: 'from', problem: 'must not lie after to (2026-01-01T22:59:59.999Z)' },
        { field: 'to', problem: 'must not lie before from (2026-01-31T23:00:00.000Z)' },
      ],
    });
  });

  it.each(['board', 'works-council'] as const)('/reports/%s: more than 20 school years is 400 naming both; 20 are answered', async (report) => {
    const res = await ledger.as('board').get(`/reports/${report}?from=2005-08-01&to=2026-02-01`).expect(400);
    expect(res.body.message).toBe('the report period spans 21 school years, more than 20');
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['from', 'to']);
    await ledger.as('board').get(`/reports/${report}?from=2006-08-01&to=2026-02-01`).expect(200);
  });
});
