import type Database from 'better-sqlite3';
import { openDatabase } from './sqlite-files';
import { ReadOnlyDatabase } from './sqlite-read-only';
import type { RawEvent } from '../audit/hash-chain';
import type { SignedCheckpoint } from '../audit/checkpoint';
import type { EventRow } from './sqlite-event-row';

const toRaw = (r: EventRow): RawEvent => ({
  position: String(r.position),
  eventId: r.event_id,
  stream: r.stream,
  revision: r.revision,
  type: r.type,
  occurredAt: r.occurred_at,
  recordedAt: r.recorded_at,
  metadata: r.metadata,
  data: r.data,
  prevHash: r.prev_hash,
  hash: r.hash,
});

const CHECKPOINTS = `
CREATE TABLE IF NOT EXISTS audit_checkpoints (
  position TEXT NOT NULL, events INTEGER NOT NULL, streams INTEGER NOT NULL,
  root TEXT NOT NULL, created_at TEXT NOT NULL, signature TEXT NOT NULL
);
CREATE TRIGGER IF NOT EXISTS audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
  BEGIN SELECT RAISE(ABORT, 'checkpoints are immutable'); END;
`;

/**
 * The embedded store's file as an auditor reads it: stored bytes as they are, and the signed
 * checkpoints kept beside them. Opens read-only for verifying a copy.
 */
export class SqliteAuditLog {
  private readonly db: Database.Database;
  private readonly readOnly?: ReadOnlyDatabase;

  /** `readonly`: opened to read only, leaving no `-wal`/`-shm` behind that were not there (an auditor's copy). */
  constructor(file: string, options: { readonly readonly?: boolean } = {}) {
    if (options.readonly) this.db = (this.readOnly = new ReadOnlyDatabase(file)).db;
    else this.db = openDatabase(file, { fileMustExist: true }, (db) => db.exec(CHECKPOINTS));
  }

  /** One stream's stored events, in revision order. */
  streamEvents(stream: string): RawEvent[] {
    return this.db.prepare<[string], EventRow>('SELECT * FROM events WHERE stream = ? ORDER BY revision').all(stream).map(toRaw);
  }

  /** Stored events in global order, a page at a time; after is an exclusive position. */
  *rawEvents(pageSize = 5000): Generator<RawEvent> {
    const page = this.db.prepare<[number, number], EventRow>('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?');
    for (let after = 0; ; ) {
      const rows = page.all(after, pageSize);
      if (rows.length === 0) return;
      for (const r of rows) yield toRaw(r);
      after = rows[rows.length - 1].position;
    }
  }

  /** Every stream's last revision and hash, and the log's head, read in one snapshot. */
  heads(): { position: string | null; events: number; heads: Map<string, { revision: number; hash: string }> } {
    return this.db.transaction(() => {
      const rows = this.db
        .prepare<[], { stream: string; revision: number; hash: string }>('SELECT stream, MAX(revision) AS revision, hash FROM events GROUP BY stream')
        .all();
      const last = this.db.prepare<[], { position: number | null; n: number }>('SELECT MAX(position) AS position, COUNT(*) AS n FROM events').get()!;
      return {
        position: last.position === null ? null : String(last.position),
        events: last.n,
        heads: new Map(rows.map((r) => [r.stream, { revision: r.revision, hash: r.hash }])),
      };
    })();
  }

  /** Whether an event is stored at this position (positions are never reused, events never deleted). */
  holds(position: string): boolean {
    return this.db.prepare('SELECT 1 FROM events WHERE position = ?').get(Number(position)) !== undefined;
  }

  count(): number {
    return this.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM events').get()!.n;
  }

  checkpoints(): SignedCheckpoint[] {
    const exists = this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_checkpoints'").get();
    if (!exists) return [];
    return this.db
      .prepare<[], { position: string; events: number; streams: number; root: string; created_at: string; signature: string }>(
        'SELECT * FROM audit_checkpoints ORDER BY rowid',
      )
      .all()
      .map((r) => ({ position: r.position, events: r.events, streams: r.streams, root: r.root, createdAt: r.created_at, signature: r.signature }));
  }

  addCheckpoint(c: SignedCheckpoint): void {
    this.db
      .prepare('INSERT INTO audit_checkpoints (position, events, streams, root, created_at, signature) VALUES (?, ?, ?, ?, ?, ?)')
      .run(c.position, c.events, c.streams, c.root, c.createdAt, c.signature);
  }

  close(): void {
    if (this.readOnly) this.readOnly.close();
    else if (this.db.open) this.db.close();
  }
}
