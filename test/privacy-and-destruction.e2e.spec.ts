import Database from 'better-sqlite3';
import { join } from 'node:path';
import { EVENT_STORE, type EventStore } from '../src/core/ports/event-store.port';
import { type LedgerApp, consentBody, enrolBody, startLedger } from './support/ledger-app';

const NAME = 'Fenna Bakker-Oudshoorn';
const REASON = 'wij verhuizen naar Groningen';
let ledger: LedgerApp;
const registrar = () => ledger.as('registrar');

beforeEach(async () => {
  ledger = await startLedger();
  await registrar()
    .post('/pupils', enrolBody('p-1', { personal: { name: NAME, birthDate: '2018-05-04' } }))
    .expect(201);
  await registrar()
    .post('/pupils/p-1/consents', consentBody('p-1', 'share-library', { givenAt: '2026-01-01T00:00:00Z' }))
    .expect(201);
  await registrar().post('/pupils/p-1/consents/share-library/withdrawal', { guardianId: 'p-1-mum', reason: REASON }).expect(201);
});
afterEach(() => ledger.close());

const keyOf = (pupilId: string): Buffer | undefined => {
  const db = new Database(join(ledger.dataDir, 'keys.db'), { readonly: true });
  const row = db.prepare('SELECT key FROM pupil_keys WHERE pupil_id = ?').get(pupilId) as { key: Buffer } | undefined;
  db.close();
  return row?.key;
};

describe('rule 7: personal data only encrypted, under one key per pupil kept apart', () => {
  it('never writes the name, birth date or free text in plain text to any file of the ledger', () => {
    const raw = ledger.rawBytes();
    for (const secret of [NAME, '2018-05-04', REASON]) expect(raw).not.toContain(secret);
  });

  it('keeps the keys in their own file, not beside the events', () => {
    const key = keyOf('p-1')!;
    expect(key).toHaveLength(32);
    expect(ledger.rawBytes(/^events\.db/)).not.toContain(key.toString('latin1'));
  });

  it('shows personal fields decrypted in history to the director and the auditor only', async () => {
    const director = await ledger.as('director').get('/pupils/p-1/history').expect(200);
    expect(director.body.events[0].data.personal).toEqual({ name: NAME, birthDate: '2018-05-04' });
    expect(director.body.events[2].data.reason).toBe(REASON);
    await ledger.as('auditor').get('/pupils/p-1/history').expect(200);
    await ledger.as('board').get('/pupils/p-1/history').expect(403);
  });

  it('keeps personal data out of the events feed', async () => {
    const res = await ledger.as('system').get('/events').expect(200);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(NAME);
    expect(text).not.toContain('"ct"');
    expect(res.body.events[0].data).not.toHaveProperty('personal');
  });
});

describe('rule 8: dossier destruction by crypto-shredding', () => {
  it('destroys the key, records a proof without personal data, and answers 410 to every later command', async () => {
    const key = keyOf('p-1')!;
    const res = await registrar().post('/pupils/p-1/dossier-destruction', { reason: 'erasure_request' }).expect(201);
    expect(res.body).toEqual({ eventId: expect.any(String), position: expect.any(String) });
    const proof = (await ledger.stream('p-1')).at(-1)!;
    expect(proof).toMatchObject({ type: 'DossierDestroyed', data: { pupilId: 'p-1', reason: 'erasure_request', keyDestroyed: true } });

    expect(keyOf('p-1')).toBeUndefined();
    expect(ledger.rawBytes(/^keys\.db/)).not.toContain(key.toString('latin1'));

    const before = await ledger.stream('p-1');
    for (const [path, body] of [
      ['/pupils/p-1/consents', consentBody('p-1', 'share-library')],
      ['/pupils/p-1/consents/share-library/refusal', { guardianId: 'p-1-mum' }],
      ['/pupils/p-1/consents/share-library/withdrawal', { guardianId: 'p-1-mum' }],
      ['/pupils/p-1/departure', { leftOn: '2026-02-01' }],
      ['/pupils/p-1/dossier-destruction', { reason: 'erasure_request' }],
      ['/pupils', enrolBody('p-1')],
    ] as const) {
      const r = await registrar().post(path, body);
      expect([path, r.status, r.body.error]).toEqual([path, 410, 'PUPIL.DOSSIER_DESTROYED']);
    }
    expect(await ledger.stream('p-1')).toEqual(before);
  });

  it('answers reads with 200 and a typed shredded marker in place of each personal field', async () => {
    await registrar().post('/pupils/p-1/dossier-destruction', { reason: 'erasure_request' }).expect(201);
    const history = await ledger.as('auditor').get('/pupils/p-1/history').expect(200);
    expect(history.body.events[0].data.personal).toEqual({ shredded: true, reason: expect.any(String) });
    expect(history.body.events[2].data.reason).toEqual({ shredded: true, reason: expect.any(String) });
    expect(JSON.stringify(history.body)).not.toContain(NAME);
    await ledger.as('director').get('/pupils/p-1/consents').expect(200);
    await ledger.as('director').get('/access?pupilId=p-1').expect(200);
  });

  it('refuses retention expiry before two years have passed since leaving, and allows it after', async () => {
    await registrar()
      .post('/pupils', enrolBody('p-old', { enrolledOn: '2019-08-20', personal: { name: NAME } }))
      .expect(201);
    const notLeft = await registrar().post('/pupils/p-old/dossier-destruction', { reason: 'retention_expired' }).expect(409);
    expect(notLeft.body.error).toBe('PUPIL.NOT_LEFT');
    await registrar().post('/pupils/p-old/departure', { leftOn: '2024-03-02' }).expect(201);
    const early = await registrar().post('/pupils/p-old/dossier-destruction', { reason: 'retention_expired' }).expect(409);
    expect(early.body.error).toBe('RETENTION.NOT_EXPIRED');
    expect(keyOf('p-old')).toBeDefined();
    ledger.clock.current = '2026-03-02T00:00:00.000Z';
    await registrar().post('/pupils/p-old/dossier-destruction', { reason: 'retention_expired' }).expect(201);
    expect(keyOf('p-old')).toBeUndefined();
  });

  it('finishes a destruction interrupted after the key was destroyed, on the next start', async () => {
    const store = ledger.app.get<EventStore>(EVENT_STORE);
    const append = store.append.bind(store);
    store.append = async (writes, options) => {
      if (writes.some((w) => w.events.some((e) => e.type === 'DossierDestroyed'))) throw new Error('power cut');
      return append(writes, options);
    };
    await registrar().post('/pupils/p-1/dossier-destruction', { reason: 'erasure_request' }).expect(500);
    expect(keyOf('p-1')).toBeUndefined();
    await registrar().post('/pupils/p-1/consents', consentBody('p-1', 'photo-website')).expect(410);
    store.append = append;
    const dataDir = ledger.dataDir;
    await ledger.close();

    ledger = await startLedger(dataDir);
    const types = (await ledger.stream('p-1')).map((e) => e.type);
    expect(types.filter((t) => t === 'DossierDestroyed')).toHaveLength(1);
    expect(types.at(-1)).toBe('DossierDestroyed');
    await registrar().post('/pupils/p-1/consents', consentBody('p-1', 'photo-website')).expect(410);
  });
});
