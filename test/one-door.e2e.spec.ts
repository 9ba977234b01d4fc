import { KeyStore } from '../src/personal-data/key-store';
import { type LedgerApp, consentBody, enrolBody, startLedger } from './support/ledger-app';

let ledger: LedgerApp;
beforeAll(async () => (ledger = await startLedger()));
afterAll(() => ledger.close());

describe('commands through the one door', () => {
  it('answers 100 concurrent consents on one pupil all with 201: commands on one stream take turns (issue 13)', async () => {
    await ledger.as('registrar').post('/pupils', enrolBody('d-100')).expect(201);
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        ledger.as('registrar').post('/pupils/d-100/consents', consentBody('d-100', 'share-library', { noticeVersion: `v-${i}` })),
      ),
    );
    expect(answers.map((a) => a.status).filter((s) => s !== 201)).toEqual([]);
    expect(await ledger.stream('d-100')).toHaveLength(101);
  });

  it('makes the pupil’s key only once the enrolment stands: a refused enrolment leaves none', async () => {
    const keys = ledger.app.get(KeyStore);
    const personal = { personal: { name: 'Anna de Vries', birthDate: '2018-03-01' } };
    await ledger
      .as('registrar')
      .post('/pupils', enrolBody('d-key', { ...personal, enrolledOn: '2026-04-01' }))
      .expect(400);
    expect(keys.keyFor('d-key', false)).toBeNull();
    await ledger.as('registrar').post('/pupils', enrolBody('d-key', personal)).expect(201);
    expect(keys.keyFor('d-key', false)).not.toBeNull();
  });
});
