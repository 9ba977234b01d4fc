import { type Caller, type LedgerApp, consentBody, enrolBody, startLedger } from './support/ledger-app';

/** Keys that name schools ("Keys per school" in DESIGN): every role, serving s-a only. */
const SCOPED = {
  registrar: 'scoped-registrar-key-0123:registrar:s-a',
  director: 'scoped-director-key-01234:director:s-a|s-c',
  board: 'scoped-board-key-012345678:board:s-a',
  system: 'scoped-system-key-01234567:system:s-a',
  auditor: 'scoped-auditor-key-0123456:auditor:s-a',
} as const;
const keyOf = (entry: string) => entry.split(':')[0];

let ledger: LedgerApp;
const board = () => ledger.as('registrar');
const scoped = (role: keyof typeof SCOPED): Caller => ledger.withKey(keyOf(SCOPED[role]));

beforeAll(async () => {
  ledger = await startLedger(undefined, undefined, null, { keys: Object.values(SCOPED) });
  for (const [id, schoolId] of [
    ['a-1', 's-a'],
    ['a-2', 's-a'],
    ['b-1', 's-b'],
    ['b-gone', 's-b'],
  ]) {
    await board().post('/pupils', enrolBody(id, { schoolId })).expect(201);
    await board()
      .post(`/pupils/${id}/consents`, consentBody(id, 'share-library', { givenAt: '2025-09-01T10:00:00Z' }))
      .expect(201);
  }
  await board().post('/pupils/b-gone/dossier-destruction', { reason: 'erasure_request' }).expect(201);
  await board()
    .post('/recipients', { recipientId: 'library', name: 'Bibliotheek', kind: 'third_party', purpose: 'share-library', dataCategories: ['identity'] })
    .expect(201);
  await board()
    .post('/data-sharings', { recipientId: 'library', pupilIds: ['a-1', 'b-1'], dataCategories: ['identity'], legalBasis: 'consent' })
    .expect(201);
});
afterAll(() => ledger.close());

const head = () => ledger.store.head();

describe('a key per school acts only on its schools’ pupils', () => {
  const commands: [string, object][] = [
    ['/pupils/{id}/consents', consentBody('x', 'photo-website', { guardianId: '{id}-mum' })],
    ['/pupils/{id}/consents/share-library/refusal', { guardianId: '{id}-dad' }],
    ['/pupils/{id}/consents/share-library/withdrawal', { guardianId: '{id}-mum' }],
    ['/pupils/{id}/departure', { leftOn: '2026-01-31' }],
    ['/pupils/{id}/dossier-destruction', { reason: 'erasure_request' }],
  ];
  const fill = (v: unknown, id: string): unknown => JSON.parse(JSON.stringify(v).replaceAll('{id}', id));

  it.each(['b-1', 'b-gone', 'nobody'])('answers every command about %s exactly as about a pupil it does not know, recording nothing', async (id) => {
    const before = await head();
    for (const [path, body] of commands) {
      const res = await scoped('registrar').post(path.replace('{id}', id), fill(body, id) as object);
      expect([path, res.status, res.body]).toEqual([path, 404, { error: 'PUPIL.NOT_FOUND', message: `pupil ${id} is not enrolled`, details: [] }]);
    }
    expect(await head()).toBe(before);
  });

  it('acts on its own pupils as any key would', async () => {
    await scoped('registrar').post('/pupils/a-2/consents/share-library/refusal', { guardianId: 'a-2-dad' }).expect(201);
  });

  it('does not enrol an id that exists at another school, nor into a school it does not serve', async () => {
    const before = await head();
    const elsewhere = await scoped('registrar')
      .post('/pupils', enrolBody('b-1', { schoolId: 's-a' }))
      .expect(404);
    expect(elsewhere.body.error).toBe('PUPIL.NOT_FOUND');
    const gone = await scoped('registrar')
      .post('/pupils', enrolBody('b-gone', { schoolId: 's-a' }))
      .expect(404);
    expect(gone.body.error).toBe('PUPIL.NOT_FOUND');
    const outside = await scoped('registrar')
      .post('/pupils', enrolBody('new-1', { schoolId: 's-b', personal: { name: 'Noor Visser' } }))
      .expect(404);
    expect(outside.body).toEqual({ error: 'SCHOOL.NOT_FOUND', message: 'school s-b is not served by this API key', details: [] });
    expect(await head()).toBe(before);
    expect(ledger.rawBytes(/^keys\.db/)).not.toContain('new-1');
    await scoped('director')
      .post('/pupils', enrolBody('c-1', { schoolId: 's-c' }))
      .expect(201);
  });

  it('refuses a data sharing naming a pupil outside its schools with 404 for that pupil, recording nothing', async () => {
    const before = await head();
    const res = await scoped('registrar')
      .post('/data-sharings', { recipientId: 'library', pupilIds: ['a-1', 'b-1'], dataCategories: ['identity'], legalBasis: 'consent' })
      .expect(404);
    expect(res.body.error).toBe('PUPIL.NOT_FOUND');
    expect(res.body.details.map((d: { pupilId: string }) => d.pupilId)).toEqual(['b-1']);
    expect(await head()).toBe(before);
  });

  it('needs a key without schools to change the register; a scoped key may read it', async () => {
    const before = await head();
    for (const [path, body] of [
      ['/recipients', { recipientId: 'printer', name: 'Drukkerij', kind: 'processor', dataCategories: ['identity'] }],
      ['/recipients/library/agreements', { agreementId: 'pa-1', validFrom: '2025-08-01', dataCategories: ['identity'] }],
      ['/recipients/library/agreements/pa-1/end', { endedAt: '2026-01-01' }],
    ] as const) {
      const res = await scoped('director').post(path, body);
      expect([path, res.status, res.body.error]).toEqual([path, 403, 'AUTH.FORBIDDEN']);
    }
    expect(await head()).toBe(before);
    await scoped('board').get('/purposes').expect(200);
    const access = await scoped('board').get('/access?recipientId=library').expect(200);
    expect(access.body.access.map((l: { pupilId: string }) => l.pupilId)).toEqual(['a-1']);
  });
});

describe('a key per school reads only its schools', () => {
  it.each(['/pupils/{id}/consents', '/pupils/{id}/history', '/pupils/{id}/export', '/pupils/{id}/consents/share-library/receipt', '/access?pupilId={id}'])(
    'GET %s is 404 for another school’s pupil and 200 for its own',
    async (path) => {
      for (const id of ['b-1', 'b-gone']) {
        const res = await scoped('director').get(path.replace('{id}', id)).set('accept', 'application/json');
        expect([id, res.status, res.body.error]).toEqual([id, 404, 'PUPIL.NOT_FOUND']);
      }
      await scoped('director').get(path.replace('{id}', 'a-1')).set('accept', 'application/json').expect(200);
      await ledger.as('director').get(path.replace('{id}', 'b-1')).set('accept', 'application/json').expect(200);
    },
  );

  it('answers the consent check for another school’s pupil as for one it does not know', async () => {
    const res = await scoped('board')
      .post('/consent-checks', { purpose: 'share-library', pupilIds: ['a-1', 'b-1'] })
      .expect(200);
    expect(res.body.results.map((r: { pupilId: string; status: string }) => [r.pupilId, r.status])).toEqual([
      ['a-1', 'active'],
      ['b-1', 'unknown_pupil'],
    ]);
  });

  it('reports on its schools only, and a school it does not serve is 404', async () => {
    const res = await scoped('board').get('/reports/board').expect(200);
    expect(new Set(res.body.consentRates.map((r: { schoolId: string }) => r.schoolId))).toEqual(new Set(['s-a']));
    expect(res.body.sharings).toEqual([{ schoolId: 's-a', legalBasis: 'consent', recipientId: 'library', count: 1 }]);
    const all = await ledger.as('board').get('/reports/board').expect(200);
    expect(new Set(all.body.consentRates.map((r: { schoolId: string }) => r.schoolId))).toEqual(new Set(['s-a', 's-b', 's-c']));
    await scoped('board').get('/reports/board?schoolId=s-b').expect(404);
    await scoped('board').get('/reports/works-council?schoolId=s-b').expect(404);
  });

  it('feeds its schools’ pupil events and the register’s, and pages past the others', async () => {
    type Item = { id: string; type: string; data: { schoolId: string | null } };
    const register = (e: Item) => /\.(recipient|agreement)\./.test(e.type);
    const all = (await ledger.as('system').get('/events?limit=1000').expect(200)).body.events as Item[];
    const mine = all.filter((e) => e.data.schoolId === 's-a' || register(e));
    expect(all.length).toBeGreaterThan(mine.length);
    const seen: Item[] = [];
    let after = '';
    for (let page = 0; page < 100; page++) {
      const res = await scoped('system').get(`/events?limit=2${after}`).expect(200);
      seen.push(...res.body.events);
      if (res.body.events.length === 0 && `&after=${res.body.next}` === after) break;
      after = `&after=${res.body.next}`;
    }
    expect(seen.map((e) => e.id)).toEqual(mine.map((e) => e.id));
    expect(seen.some(register)).toBe(true);
  });

  it('leaves the audit trail, which spans every school, to keys without schools', async () => {
    await scoped('auditor').get('/audit/verify').expect(403);
    await scoped('auditor').post('/audit/checkpoints').expect(403);
    await ledger.as('auditor').get('/audit/verify').expect(200);
  });
});
