import Database from 'better-sqlite3';
import { join } from 'node:path';
import { KEYS, type LedgerApp, consentBody, enrolBody, startLedger } from './support/ledger-app';
import { createHash } from 'node:crypto';
import { integrationEvents } from '../src/publishing/integration-events';
import { readsStream } from '../src/ledger/domain/streams';

const keyId = (role: keyof typeof KEYS) => createHash('sha256').update(`key-id:${KEYS[role]}`).digest('hex').slice(0, 16);

/** "Who looked at this child's dossier?": every read of personal data is recorded, without the data. */
describe('reads of personal data', () => {
  let ledger: LedgerApp;
  beforeEach(async () => {
    ledger = await startLedger();
    await ledger
      .as('registrar')
      .post('/pupils', enrolBody('p-r1', { personal: { name: 'Sanne Reads-Kok' } }))
      .expect(201);
    await ledger.as('registrar').post('/pupils/p-r1/consents', consentBody('p-r1', 'share-library')).expect(201);
  });
  afterEach(() => ledger.close());

  it('records who read the history or the export with names, and when; the auditor lists them per pupil', async () => {
    ledger.clock.current = '2026-03-02T08:00:00.000Z';
    await ledger.as('director').get('/pupils/p-r1/history').expect(200);
    ledger.clock.current = '2026-03-02T09:00:00.000Z';
    await ledger.as('auditor').get('/pupils/p-r1/export?format=json').expect(200);
    ledger.clock.current = '2026-03-02T10:00:00.000Z';
    await ledger.as('director').get('/pupils/p-r1/export?format=html').expect(200);
    const res = await ledger.as('auditor').get('/pupils/p-r1/reads').expect(200);
    expect(res.body.pupilId).toBe('p-r1');
    expect(res.body.reads.map((r: Record<string, unknown>) => [r.read, r.role, r.keyId])).toEqual([
      ['history', 'director', keyId('director')],
      ['export', 'auditor', keyId('auditor')],
      ['export', 'director', keyId('director')],
    ]);
    // recordedAt is the store's, never before the clock's moment of the read
    expect(res.body.reads.every((r: { readAt: string }) => /Z$/.test(r.readAt))).toBe(true);
    // The record holds who and what, never the data read.
    const recorded = (await ledger.store.readStream(readsStream('p-r1'))).events;
    expect(recorded.map((e) => e.data)).toEqual([
      { pupilId: 'p-r1', read: 'history' },
      { pupilId: 'p-r1', read: 'export' },
      { pupilId: 'p-r1', read: 'export' },
    ]);
    expect(JSON.stringify(recorded)).not.toContain('Sanne');
  });

  it('records nothing for a refused read, and the pupil’s own stream never sees a read', async () => {
    const before = await ledger.store.head();
    await ledger.as('registrar').get('/pupils/p-r1/history').expect(403);
    await ledger.as('auditor').get('/pupils/p-unknown/history').expect(404);
    await ledger.as('director').get('/pupils/p-unknown/export').expect(404);
    expect(await ledger.store.head()).toBe(before);
    await ledger.as('auditor').get('/pupils/p-r1/history').expect(200);
    expect((await ledger.stream('p-r1')).map((e) => e.type)).toEqual(['PupilEnrolled', 'ConsentGiven']);
    const history = await ledger.as('auditor').get('/pupils/p-r1/history').expect(200);
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual(['PupilEnrolled', 'ConsentGiven']);
  });

  it('lists reads to the auditor only, and a pupil of another school or none as unknown', async () => {
    for (const role of ['registrar', 'director', 'board', 'works-council', 'system'] as const) await ledger.as(role).get('/pupils/p-r1/reads').expect(403);
    await ledger.as('auditor').get('/pupils/p-nobody/reads').expect(404);
  });

  it('keeps the records out of /events and off the topic', async () => {
    await ledger.as('director').get('/pupils/p-r1/history').expect(200);
    await ledger.as('auditor').get('/pupils/p-r1/export').expect(200);
    const feed = await ledger.as('system').get('/events?limit=1000').expect(200);
    expect(feed.body.events.map((e: { data: { type: string } }) => e.data.type)).toEqual(['pupil.enrolled', 'consent.given']);
    const all = await ledger.store.readAll(null, 1000);
    expect(all.map((e) => e.type)).toContain('PersonalDataRead');
    // What the relay publishes is this mapping, the same as the feed's.
    expect((await integrationEvents(ledger.store, all)).map((ie) => ie.type)).toEqual(['pupil.enrolled', 'consent.given']);
    // The records are sealed with the rest of the log.
    const verified = (await ledger.as('auditor').get('/audit/verify').expect(200)).body;
    expect(verified.problems).toEqual([]);
    expect(verified).toMatchObject({ ok: true, events: 4 });
  });

  it('refuses a read that cannot be recorded (503), showing nothing', async () => {
    const db = new Database(join(ledger.dataDir, 'events.db'));
    db.exec("CREATE TRIGGER no_reads BEFORE INSERT ON events WHEN NEW.stream LIKE 'reads-%' BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END");
    try {
      for (const path of ['/pupils/p-r1/history', '/pupils/p-r1/export?format=html']) {
        const res = await ledger.as('auditor').get(path).expect(503);
        expect(res.body).toMatchObject({ error: 'READS.NOT_RECORDED', details: [] });
        expect(res.text).not.toContain('Sanne');
      }
      // A role that sees no names reads as before: there is nothing to record.
      await ledger.as('board').get('/pupils/p-r1/consents').expect(200);
    } finally {
      db.exec('DROP TRIGGER no_reads');
      db.close();
    }
    await ledger.as('auditor').get('/pupils/p-r1/history').expect(200);
    expect((await ledger.as('auditor').get('/pupils/p-r1/reads').expect(200)).body.reads).toHaveLength(1);
  });
});
