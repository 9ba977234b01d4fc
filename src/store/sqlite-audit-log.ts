import type Database from 'better-sqlite3';
import { type RawEvent, rawEventOf as toRaw } from '../core/hash-chain';
import type { AuditLog, LogHeads, SignedCheckpoint } from '../core/ports/audit-log.port';
import type { StoreCondition } from '../core/ports/event-store.port';
import { diskFullOr } from '../core/store-errors';
import { openDatabase } from './sqlite-files';
import { ReadOnlyDatabase } from './sqlite-read-only';
import type { EventRow } from './sqlite-event-row';

/** The checkpoints kept beside the events, as immutable as they are. */
export const CHECKPOINTS = `
CREATE TABLE IF NOT EXISTS audit_checkpoints (
  position TEXT NOT NULL, events INTEGER NOT NULL, streams INTEGER NOT NULL,
  root TEXT NOT NULL, created_at TEXT NOT NULL, signature TEXT NOT NULL
);
CREATE TRIGGER IF NOT EXISTS audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
  BEGIN SELECT RAISE(ABORT, 'checkpoints are immutable'); END;
`;

const OK: StoreCondition = { status: 'ok' };

/**
 * The embedded store's file as an auditor reads it: stored bytes as they are, and the signed
 * checkpoints kept beside them. The running ledger gets it from its store, over the store's own
 * connection (`SqliteEventStore.auditLog`); the `ledger` command opens a file, read-only to verify a copy.
 */
export class SqliteAuditLog implements AuditLog {
  private readonly db: Database.Database;
  private readonly readOnly?: ReadOnlyDatabase;
  private readonly owned: boolean;
  private readonly conditionOf: () => StoreCondition;

  /**
   * `file`: opened by this log (`readonly`: to read only, leaving no `-wal`/`-shm` behind that were
   * not there: an auditor's copy). A connection: the store's, which stays the store's to close.
   */
  constructor(source: string | Database.Database, options: { readonly readonly?: boolean; readonly condition?: () => StoreCondition } = {}) {
    this.conditionOf = options.condition ?? (() => OK);
    this.owned = typeof source === 'string';
    if (typeof source !== 'string') this.db = source;
    else if (options.readonly) this.db = (this.readOnly = new ReadOnlyDatabase(source)).db;
    else this.db = openDatabase(source, { fileMustExist: true }, (db) => db.exec(CHECKPOINTS));
  }

  /** One stream's stored events, in revision order. */
  streamEvents(stream: string): RawEvent[] {
    return this.db.prepare<[string], EventRow>('SELECT * FROM events WHERE stream = ? ORDER BY revision').all(stream).map(toRaw);
  }

  /** Stored events in global order, a page at a time; after is an exclusive position. */
  *rawEvents(pageSize = 5000): Generator<RawEvent> {
    const page = this.db.prepare<[number, number], EventRow>('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?');
    for (let after = 0; ;) {
      const rows = page.all(after, pageSize);
      if (rows.length === 0) return;
      for (const r of rows) yield toRaw(r);
      after = rows[rows.length - 1].position;
    }
  }

  async heads(): Promise<LogHeads> {
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

  async holds(position: string): Promise<boolean> {
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

  async addCheckpoint(c: SignedCheckpoint): Promise<void> {
    try {
      this.db
        .prepare('INSERT INTO audit_checkpoints (position, events, streams, root, created_at, signature) VALUES (?, ?, ?, ?, ?, ?)')
        .run(c.position, c.events, c.streams, c.root, c.createdAt, c.signature);
    } catch (e) {
      throw diskFullOr(e);
    }
  }

  condition(): StoreCondition {
    return this.conditionOf();
  }

  /** Closes what this log opened; a store's connection is the store's to close. */
  close(): void {
    if (this.readOnly) this.readOnly.close();
    else if (this.owned && this.db.open) this.db.close();
  }
}
