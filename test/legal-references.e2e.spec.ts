import { type LedgerApp, enrolBody, startLedger } from './support/ledger-app';

/** Rules 5 and 7: a recipient's standing legal references are cited by reference; any other text is free text, sealed per pupil. */
const REGISTERED = 'WPO art. 178a';
const FREE = 'Melding leerplichtambtenaar over verzuim, zie brief van mevrouw Bakker';
const SHREDDED = { shredded: true, reason: expect.any(String) };

let ledger: LedgerApp;
const registrar = () => ledger.as('registrar');
const director = () => ledger.as('director');
const shared = async (pupilId: string) => (await ledger.stream(pupilId)).filter((e) => e.type === 'DataShared').map((e) => e.data as Record<string, unknown>);
const share = (legalReference: string) =>
  registrar()
    .post('/data-sharings', {
      recipientId: 'leerplicht',
      pupilIds: ['p-1', 'p-2'],
      dataCategories: ['identity'],
      legalBasis: 'legal_obligation',
      legalReference,
    })
    .expect(201);

beforeAll(async () => {
  ledger = await startLedger();
  for (const id of ['p-1', 'p-2'])
    await registrar()
      .post('/pupils', enrolBody(id, { personal: { name: `Kind ${id}` } }))
      .expect(201);
  await registrar()
    .post('/recipients', {
      recipientId: 'leerplicht',
      name: 'Leerplichtambtenaar',
      kind: 'authority',
      dataCategories: ['identity'],
      legalReferences: [REGISTERED, 'Leerplichtwet art. 21'],
    })
    .expect(201);
  await share(REGISTERED);
  await share(FREE);
});
afterAll(() => ledger.close());

describe('legal references (rules 5 and 7)', () => {
  it('stores a registered reference cited verbatim as a reference to it, and other text only sealed under each pupil’s key', async () => {
    const [cited, free] = await shared('p-1');
    expect(cited).toMatchObject({ legalReference: REGISTERED, legalReferenceText: null });
    expect(free).toMatchObject({ legalReference: null, legalReferenceText: { alg: 'A256GCM' } });
    const [, other] = await shared('p-2');
    expect(other.legalReferenceText).not.toEqual(free.legalReferenceText);
  });

  it('never writes the free text to any file of the data directory', () => {
    expect(ledger.rawBytes()).not.toContain(FREE);
    expect(ledger.rawBytes()).not.toContain('mevrouw Bakker');
  });

  it('refuses a register entry whose references are not a list of short texts', async () => {
    const res = await registrar()
      .post('/recipients', { recipientId: 'x', name: 'X', kind: 'authority', dataCategories: ['identity'], legalReferences: ['', 'a'.repeat(201), 7] })
      .expect(400);
    expect(res.body.details.every((d: { field: string }) => d.field === 'legalReferences')).toBe(true);
  });

  it('shows the text to those who may read it: history and export open it, access withholds it', async () => {
    const history = await director().get('/pupils/p-1/history').expect(200);
    const lines = history.body.events.filter((e: { type: string }) => e.type === 'DataShared');
    expect(lines.map((e: { data: object }) => e.data)).toEqual([
      expect.objectContaining({ legalReference: REGISTERED, legalReferenceText: null }),
      expect.objectContaining({ legalReference: null, legalReferenceText: FREE }),
    ]);
    const concealed = await ledger.as('board').get('/access?pupilId=p-1').expect(200);
    expect(concealed.body.access.map((l: { legalReference: unknown }) => l.legalReference)).toEqual([REGISTERED, { encrypted: true }]);
    const exported = await director().get('/pupils/p-1/export?format=json').expect(200);
    expect(exported.body.sharings.map((s: { legalReference: unknown }) => s.legalReference)).toEqual([REGISTERED, FREE]);
    const page = await director().get('/pupils/p-1/export?format=html').expect(200);
    expect(page.text).toContain('Melding leerplichtambtenaar');
  });

  it('leaves the free text unreadable once the dossier is destroyed: a typed shredded marker in every view', async () => {
    ledger.clock.current = '2026-03-02T10:00:00.000Z';
    await registrar().post('/pupils/p-1/dossier-destruction', { reason: 'erasure_request' }).expect(201);
    const history = await ledger.as('auditor').get('/pupils/p-1/history').expect(200);
    const free = history.body.events.filter((e: { type: string }) => e.type === 'DataShared')[1];
    expect(free.data).toMatchObject({ legalReference: null, legalReferenceText: SHREDDED });
    const exported = await director().get('/pupils/p-1/export?format=json').expect(200);
    expect(exported.body.sharings.map((s: { legalReference: unknown }) => s.legalReference)).toEqual([REGISTERED, SHREDDED]);
    const access = await director().get('/access?pupilId=p-1&at=2026-03-01T12:00:00Z').expect(200);
    expect(access.body.access.map((l: { legalReference: unknown }) => l.legalReference)).toEqual([REGISTERED, SHREDDED]);
    expect(JSON.stringify([history.body, exported.body, access.body])).not.toContain('Melding');
    // The other pupil's copy is under its own key, and stays readable.
    const other = await director().get('/pupils/p-2/export?format=json').expect(200);
    expect(other.body.sharings.map((s: { legalReference: unknown }) => s.legalReference)).toEqual([REGISTERED, FREE]);
  });
});
