import { type LedgerApp, consentBody, enrolBody, startLedger } from './support/ledger-app';

let ledger: LedgerApp;
const registrar = () => ledger.as('registrar');

beforeAll(async () => {
  ledger = await startLedger();
  for (let i = 0; i < 7; i++) {
    await registrar().post('/pupils', enrolBody(`w-${i}`)).expect(201);
    if (i < 6) await registrar().post(`/pupils/w-${i}/consents`, consentBody(`w-${i}`, 'photo-class-page')).expect(201);
  }
  await registrar().post('/pupils/w-6/consents/photo-class-page/refusal', { guardianId: 'w-6-mum' }).expect(201);
  await registrar().post('/recipients', { recipientId: 'duo', name: 'DUO', kind: 'authority', dataCategories: ['identity'] }).expect(201);
  await registrar()
    .post('/data-sharings', { recipientId: 'duo', pupilIds: ['w-0', 'w-1', 'w-2', 'w-3', 'w-4', 'w-5', 'w-6'], dataCategories: ['identity'], legalBasis: 'legal_obligation', legalReference: 'WPO art. 178a' })
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
  it('shows the same aggregates with no pupil id and small counts suppressed', async () => {
    const res = await ledger.as('works-council').get('/reports/works-council').expect(200);
    expect(JSON.stringify(res.body)).not.toMatch(/w-\d/);
    expect(res.body.refusals[0].count).toEqual({ suppressed: true });
    expect(res.body.sharings[0].count).toBe(7);
    expect(res.body.consentRates).toContainEqual(
      expect.objectContaining({ purpose: 'photo-class-page', pupils: 7, active: { suppressed: true }, rate: { suppressed: true } }),
    );
  });
});
