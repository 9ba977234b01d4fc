import { DEFAULT_PURPOSES } from '../src/ledger/domain/purposes';
import { type LedgerApp, consentBody, enrolBody, startLedger } from './support/ledger-app';

let ledger: LedgerApp;
beforeAll(async () => {
  ledger = await startLedger();
  await ledger.as('registrar').post('/pupils', enrolBody('u-1')).expect(201);
});
afterAll(() => ledger.close());

// One condition, one code: a purpose outside the catalogue is bad input on every route that names one.
describe('an unknown purpose', () => {
  const known = DEFAULT_PURPOSES.map((p) => p.purpose);
  const routes: [string, string, object | undefined][] = [
    ['POST', '/pupils/u-1/consents', consentBody('u-1', 'tattoos')],
    ['POST', '/pupils/u-1/consents/tattoos/refusal', { guardianId: 'u-1-mum' }],
    ['POST', '/pupils/u-1/consents/tattoos/withdrawal', { guardianId: 'u-1-mum' }],
    ['POST', '/consent-checks', { purpose: 'tattoos', pupilIds: ['u-1'] }],
    ['POST', '/recipients', { recipientId: 'r-u', name: 'R', kind: 'third_party', purpose: 'tattoos', dataCategories: ['identity'] }],
    ['GET', '/pupils/u-1/consents/tattoos/receipt', undefined],
  ];

  it.each(routes)('%s %s is 400 VALIDATION.INVALID naming the field and the known purposes, and appends nothing', async (method, path, body) => {
    const head = await ledger.store.head();
    const director = ledger.as('director');
    const res = await (method === 'GET' ? director.get(path) : director.post(path, body));
    expect([res.status, res.body.error]).toEqual([400, 'VALIDATION.INVALID']);
    expect(res.body.details).toEqual([{ field: 'purpose', problem: `must be one of: ${known.join(', ')}` }]);
    expect(await ledger.store.head()).toBe(head);
  });
});
