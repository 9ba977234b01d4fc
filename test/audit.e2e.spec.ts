import Database from 'better-sqlite3';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventRow } from '../src/store/sqlite-event-row';
import { copyDataDir, recordAuditTimeline } from './support/audited-data-dir';
import { type LedgerApp, startLedger } from './support/ledger-app';
import { runLedger } from './support/ledger-cli';

/**
 * The auditor's `ledger verify` on closed copies of a real data directory (see recordAuditTimeline),
 * untouched and tampered with. Replay and the right of access are in audit-replay-and-access.e2e.spec.ts.
 */
let source: string;
let ledger: LedgerApp;

beforeAll(async () => {
  ledger = await startLedger();
  source = ledger.dataDir;
  await recordAuditTimeline(ledger);
});
afterAll(() => ledger.close());

/** A closed copy of the data directory, as an auditor would take it. */
const copy = async (keep?: (file: string) => boolean): Promise<string> => {
  await ledger.close();
  return copyDataDir(source, keep);
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
    const { chainHash } = await import('../src/core/hash-chain');
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

afterAll(() => rmSync(source, { recursive: true, force: true }));
