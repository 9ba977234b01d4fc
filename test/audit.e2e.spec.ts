import Database from 'better-sqlite3';
import { generateKeyPairSync } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DocStore } from '../src/read-models/doc-store';
import { pupilsProjection } from '../projections/pupils.projection';
import type { PupilState } from '../src/pupils/domain/pupil-state';
import type { EventRow } from '../src/store/sqlite-event-row';
import { type LedgerApp, consentBody, enrolBody, startLedger } from './support/ledger-app';
import { runLedger } from './support/ledger-cli';

/**
 * A real data directory, made through the API and closed: the auditor's copies are taken from it.
 * Timeline (business = record time unless said): enrolments 1 Sept 2025, consents, a sharing,
 * a late paper withdrawal, one dossier destroyed, a checkpoint, then a few events after it.
 */
let source: string;
let ledger: LedgerApp;
const at = (t: string) => (ledger.clock.current = t);

beforeAll(async () => {
  ledger = await startLedger();
  source = ledger.dataDir;
  const registrar = () => ledger.as('registrar');
  at('2025-09-01T08:00:00.000Z');
  for (const id of ['a', 'b', 'c'])
    await registrar()
      .post('/pupils', enrolBody(id, { personal: { name: `Kind ${id}` } }))
      .expect(201);
  await registrar()
    .post('/recipients', { recipientId: 'lib', name: 'Bibliotheek', kind: 'third_party', purpose: 'share-library', dataCategories: ['identity'] })
    .expect(201);
  at('2025-09-05T08:00:00.000Z');
  for (const id of ['a', 'b']) await registrar().post(`/pupils/${id}/consents`, consentBody(id, 'share-library')).expect(201);
  await registrar().post(`/pupils/a/consents`, consentBody('a', 'photo-website')).expect(201);
  at('2025-09-10T08:00:00.000Z');
  await registrar()
    .post('/data-sharings', { recipientId: 'lib', pupilIds: ['a', 'b'], dataCategories: ['identity'], legalBasis: 'consent' })
    .expect(201);
  at('2025-10-01T08:00:00.000Z');
  await registrar().post('/pupils/b/consents/share-library/withdrawal', { guardianId: 'b-mum', withdrawnAt: '2025-09-20T00:00:00Z' }).expect(201);
  await registrar().post('/pupils/c/dossier-destruction', { reason: 'erasure_request' }).expect(201);
  await ledger.as('auditor').post('/audit/checkpoints').expect(201);
  at('2025-10-02T08:00:00.000Z');
  await registrar().post('/pupils/a/consents/photo-website/refusal', { guardianId: 'a-dad' }).expect(201);
});
afterAll(() => ledger.close());

/** A closed copy of the data directory, as an auditor would take it. */
const copy = async (keep: (file: string) => boolean = () => true): Promise<string> => {
  await ledger.close();
  const dir = mkdtempSync(join(tmpdir(), 'ledger-audit-copy-'));
  for (const f of readdirSync(source)) if (keep(f)) cpSync(join(source, f), join(dir, f));
  return dir;
};

/** Tampering as an attacker with the file would: the immutability triggers are no obstacle to them. */
const tamper = (dir: string, sql: (db: Database.Database) => void) => {
  const db = new Database(join(dir, 'events.db'));
  db.exec('DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete;');
  sql(db);
  db.close();
};

const row = (dir: string, where: string) => {
  const db = new Database(join(dir, 'events.db'), { readonly: true });
  const r = db.prepare(`SELECT * FROM events WHERE ${where}`).get() as { position: number; event_id: string; stream: string; revision: number };
  db.close();
  return r;
};

const verify = async (dir: string, ...extra: string[]) =>
  runLedger('--data-dir', dir, 'verify', '--json', ...extra).then((r) => ({ ...r, report: JSON.parse(r.out) }));

describe('verify', () => {
  it('passes an untouched copy with a destroyed dossier, using only the public key', async () => {
    await ledger.close();
    const dir = await copy((f) => f.startsWith('events.db') || f === 'audit-public-key.pem');
    expect(existsSync(join(dir, 'audit-signing-key.pem'))).toBe(false);
    const { code, report } = await verify(dir);
    expect(report).toMatchObject({ ok: true, problems: [], streams: 4 });
    expect(report.checkpoints).toBeGreaterThanOrEqual(2);
    expect(code).toBe(0);
    const human = await runLedger('--data-dir', dir, 'verify');
    expect(human.out).toContain('ok: every chain and checkpoint verifies');
  });

  it('locates one changed byte in one event', async () => {
    const dir = await copy();
    const victim = row(dir, "type = 'ConsentGiven' AND stream = 'pupil-a'");
    tamper(dir, (db) => db.prepare("UPDATE events SET data = replace(data, 'v2025-1', 'v2025-2') WHERE position = ?").run(victim.position));
    const { code, report } = await verify(dir);
    expect(code).toBe(1);
    expect(report.problems[0]).toMatchObject({ position: String(victim.position), eventId: victim.event_id, problem: expect.stringContaining('altered') });
    const human = await runLedger('--data-dir', dir, 'verify');
    expect(human.out).toContain(`first: position ${victim.position}, event ${victim.event_id} in pupil-a`);
  });

  it('locates a deleted event at the one that follows it', async () => {
    const dir = await copy();
    const victim = row(dir, "stream = 'pupil-a' AND revision = 1");
    const next = row(dir, "stream = 'pupil-a' AND revision = 2");
    tamper(dir, (db) => db.prepare('DELETE FROM events WHERE position = ?').run(victim.position));
    const { report } = await verify(dir);
    expect(report.problems[0]).toMatchObject({ eventId: next.event_id, problem: expect.stringContaining('missing') });
  });

  it('locates two swapped events', async () => {
    const dir = await copy();
    const [x, y] = [row(dir, "stream = 'pupil-a' AND revision = 1"), row(dir, "stream = 'pupil-a' AND revision = 2")];
    tamper(dir, (db) => {
      db.prepare('UPDATE events SET revision = -1 WHERE position = ?').run(x.position);
      db.prepare('UPDATE events SET revision = 1 WHERE position = ?').run(y.position);
      db.prepare('UPDATE events SET revision = 2 WHERE position = ?').run(x.position);
    });
    const { report } = await verify(dir);
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatchObject({ position: String(x.position), eventId: x.event_id });
  });

  it('locates a forged event', async () => {
    const dir = await copy();
    const head = row(dir, "stream = 'pupil-b' ORDER BY revision DESC LIMIT 1") as unknown as Record<string, string | number>;
    tamper(dir, (db) =>
      db
        .prepare(
          'INSERT INTO events (event_id, stream, revision, type, occurred_at, recorded_at, metadata, data, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)',
        )
        .run(
          'forged-1',
          'pupil-b',
          Number(head.revision) + 1,
          'ConsentGiven',
          head.occurred_at,
          head.recorded_at,
          head.metadata,
          '{"pupilId":"b","purpose":"share-library","guardianId":"b-mum"}',
          head.hash,
          'f'.repeat(64),
        ),
    );
    const { report } = await verify(dir);
    expect(report.problems).toEqual([expect.objectContaining({ eventId: 'forged-1', problem: expect.stringContaining('altered') })]);
  });

  it('detects a truncated tail against the last checkpoint', async () => {
    const dir = await copy();
    tamper(dir, (db) => db.exec('DELETE FROM events WHERE position > (SELECT MAX(position) - 3 FROM events)'));
    const { report } = await verify(dir);
    expect(report.problems).toContainEqual(expect.objectContaining({ problem: expect.stringContaining('the log was rolled back behind this checkpoint') }));
  });

  it('detects a whole stream deleted, and a stream rewritten with a recomputed chain', async () => {
    const gone = await copy();
    tamper(gone, (db) => db.exec("DELETE FROM events WHERE stream = 'recipient-lib'"));
    expect((await verify(gone)).report.problems).toContainEqual(expect.objectContaining({ problem: expect.stringContaining('events were removed') }));

    const rewritten = await copy();
    const { chainHash } = await import('../src/audit/hash-chain');
    tamper(rewritten, (db) => {
      // A careful forger changes a consent's notice version and recomputes every hash of the stream.
      const rows = db.prepare("SELECT * FROM events WHERE stream = 'pupil-a' ORDER BY revision").all() as EventRow[];
      let prev = '0'.repeat(64);
      for (const r of rows) {
        const data = r.data.replace('v2025-1', 'v2099-9');
        const hash = chainHash(prev, {
          eventId: r.event_id,
          stream: r.stream,
          revision: r.revision,
          type: r.type,
          occurredAt: r.occurred_at,
          recordedAt: r.recorded_at,
          metadata: r.metadata,
          data,
        });
        db.prepare('UPDATE events SET data = ?, prev_hash = ?, hash = ? WHERE position = ?').run(data, prev, hash, r.position);
        prev = hash;
      }
    });
    expect((await verify(rewritten)).report.problems).toContainEqual(expect.objectContaining({ problem: expect.stringContaining('sealed root') }));
  });

  it('refuses a checkpoint signed by another key', async () => {
    const dir = await copy();
    const other = join(dir, 'other.pem');
    writeFileSync(other, generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }));
    const { report } = await verify(dir, '--public-key', other);
    expect(report.problems[0].problem).toContain('signature does not verify');
  });
});

describe('replay', () => {
  it('rebuilds every projection as of a moment and equals the live as-of answers of that moment', async () => {
    const dir = await copy();
    const until = '2025-09-25T00:00:00.000Z';
    const knownAt = '2025-09-30T00:00:00.000Z';
    const out = join(dir, 'replay.db');
    const cli = await runLedger('--data-dir', dir, 'replay', '--until', until, '--known-at', knownAt, '--out', out);
    expect(cli.code).toBe(0);
    const report = JSON.parse(cli.out);
    expect(report.to).toBe(until);

    ledger = await startLedger(dir);
    const replayed = new DocStore(out);
    const pupilDoc = (id: string) => replayed.get<PupilState>(pupilsProjection.name, id)!;
    const { consentsAsOf } = await import('../projections/consents.view');
    const { DEFAULT_CATALOGUE } = await import('../src/ledger/domain/purposes');
    for (const id of ['a', 'b', 'c']) {
      const live = await ledger.as('auditor').get(`/pupils/${id}/consents?at=${until}&knownAt=${knownAt}`).expect(200);
      expect(consentsAsOf(pupilDoc(id), DEFAULT_CATALOGUE, { at: until, knownAt })).toEqual(live.body.consents);
    }
    // The late paper withdrawal (dated 20 Sept, recorded 1 Oct) was not yet known on 30 Sept.
    expect(pupilDoc('b').consents.map((f: { kind: string }) => f.kind)).toEqual(['given']);
    // Pupil c's dossier was destroyed on 1 Oct: on 25 Sept it was still there.
    expect(pupilDoc('c').status).toBe('enrolled');
    // The board report has no record time: replayed with everything known, it equals the live one.
    const everything = await runLedger('--data-dir', dir, 'replay', '--until', until, '--out', join(dir, 'replay-all.db'));
    const liveBoard = await ledger.as('auditor').get(`/reports/board?to=${until}`).expect(200);
    expect(JSON.parse(everything.out).consentRates).toEqual(liveBoard.body.consentRates);
    expect(report.consentRates).not.toEqual(liveBoard.body.consentRates);
    await replayed.close();
    await ledger.close();
  });
});

describe('right of access and receipts', () => {
  beforeAll(async () => {
    ledger = await startLedger(await copy());
  });
  afterAll(() => ledger.close());

  it('exports everything about a pupil as JSON and as a page a parent can read', async () => {
    const json = await ledger.as('director').get('/pupils/a/export').expect(200);
    expect(json.body).toMatchObject({ pupilId: 'a', dossier: 'kept', personal: { name: 'Kind a' }, schoolId: 's-1' });
    expect(json.body.sharings).toEqual([expect.objectContaining({ recipientId: 'lib', recipientName: 'Bibliotheek', legalBasis: 'consent' })]);
    expect(json.body.events.every((e: { hash: string }) => /^[0-9a-f]{64}$/.test(e.hash))).toBe(true);
    const html = await ledger.as('director').get('/pupils/a/export?format=html').expect(200).expect('content-type', /html/);
    expect(html.text).toContain('Kind a');
    expect(html.text).toContain('Bibliotheek');
    await ledger.as('board').get('/pupils/a/export').expect(403);
    await ledger.as('director').get('/pupils/nobody/export').expect(404);
  });

  it('exports a destroyed dossier with shredded markers and never the old name', async () => {
    const res = await ledger.as('auditor').get('/pupils/c/export').expect(200);
    expect(res.body).toMatchObject({ dossier: 'destroyed', personal: { shredded: true } });
    expect(JSON.stringify(res.body)).not.toContain('Kind c');
    const cli = await runLedger('--data-dir', ledger.dataDir, 'export', '--pupil', 'c', '--format', 'html');
    expect(cli.out).toContain('vernietigd');
  });

  it('gives a consent receipt in the ISO/IEC TS 27560 shape with DPV names and event hashes', async () => {
    const res = await ledger.as('board').get('/pupils/a/consents/share-library/receipt').expect(200);
    expect(res.body).toMatchObject({
      '@type': 'dpv:ConsentRecord',
      'dpv:hasConsentStatus': 'dpv:ConsentGiven',
      'dpv:hasDataSubject': { 'dpv:hasIdentifier': 'a' },
      'dpv:hasDataController': { 'dpv:hasIdentifier': 's-1' },
      'dpv:hasNotice': { 'dct:hasVersion': 'v2025-1' },
      'dpv:hasPurpose': {
        'dct:identifier': 'share-library',
        'dpv:hasPersonalData': ['identity', 'contact'],
        'dpv:hasRecipient': [expect.objectContaining({ 'dpv:hasName': 'Bibliotheek' })],
      },
      'dpv:isIndicatedBy': [expect.objectContaining({ 'dpv:hasIdentifier': 'a-mum' })],
    });
    expect(res.body['dct:hasPart']).toEqual([expect.objectContaining({ '@type': 'dpv:ConsentGiven', hash: expect.stringMatching(/^[0-9a-f]{64}$/) })]);
  });
});

afterAll(() => rmSync(source, { recursive: true, force: true }));
