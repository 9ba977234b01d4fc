import type Database from 'better-sqlite3';
import { GENESIS, chainHash } from '../core/hash-chain';
import {
  type AppendOptions,
  DuplicateEventId,
  IdempotencyKeyUsed,
  type IdempotencyRecord,
  type StreamWrite,
  WrongExpectedRevision,
  satisfies,
} from '../core/ports/event-store.port';
import type { RecordedEvent } from '../ledger/domain/recorded-event';
import { ms } from '../ledger/domain/time-instant';

/**
 * One append to the embedded store, run inside the group's transaction (a savepoint of its own):
 * revisions checked, events chained and stamped, the idempotency record written with them.
 */
export class SqliteAppend {
  private readonly stmt;

  constructor(db: Database.Database) {
    this.stmt = {
      head: db.prepare<[string], { revision: number; hash: string }>('SELECT revision, hash FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1'),
      lastRecordedAt: db.prepare<[], { recorded_at: string }>('SELECT recorded_at FROM events ORDER BY position DESC LIMIT 1'),
      insert: db.prepare(
        `INSERT INTO events (event_id, stream, revision, type, occurred_at, recorded_at, metadata, data, prev_hash, hash)
         VALUES (@eventId, @stream, @revision, @type, @occurredAt, @recordedAt, @metadata, @data, @prevHash, @hash)`,
      ),
      findIdem: db.prepare<[string, string], { scope: string; key: string; request_hash: string; response: string }>(
        'SELECT * FROM idempotency WHERE scope = ? AND key = ?',
      ),
      saveIdem: db.prepare('INSERT INTO idempotency (scope, key, request_hash, response) VALUES (?, ?, ?, ?)'),
    };
  }

  /**
   * Writes one append, all or nothing (the caller's transaction rolls back what a throw leaves).
   * `recordedAt` is stamped here, under the write lock: the time the append brings, or the last
   * stored event's when that is later, so that it never decreases in position order (DESIGN "Time,
   * in one place") and "as known at K" stays a prefix of the log even when the clock is set back.
   */
  write(writes: readonly StreamWrite[], options: AppendOptions): RecordedEvent[] {
    const idem = options.idempotency;
    if (idem) {
      const before = this.findIdempotency(idem.scope, idem.key);
      if (before) throw new IdempotencyKeyUsed(before);
    }
    let last = this.stmt.lastRecordedAt.get()?.recorded_at;
    const out: RecordedEvent[] = [];
    for (const w of writes) {
      const head = this.stmt.head.get(w.stream);
      const actual = head?.revision ?? -1;
      if (!satisfies(w.expectedRevision, actual)) throw new WrongExpectedRevision(w.stream, w.expectedRevision, actual);
      let prevHash = head?.hash ?? GENESIS;
      w.events.forEach((e, i) => {
        const revision = actual + 1 + i;
        const recordedAt = last !== undefined && ms(last) > ms(e.recordedAt) ? last : e.recordedAt;
        const [metadata, data] = [JSON.stringify(e.metadata), JSON.stringify(e.data)];
        const stored = { eventId: e.eventId, stream: w.stream, revision, type: e.type, occurredAt: e.occurredAt, recordedAt, metadata, data };
        const hash = chainHash(prevHash, stored);
        const position = this.insert({ prevHash, hash, ...stored });
        // What was written, not read back: the stored text is JSON of these very objects.
        out.push({
          eventId: e.eventId,
          type: e.type,
          stream: w.stream,
          revision,
          position,
          occurredAt: e.occurredAt,
          recordedAt,
          metadata: e.metadata,
          data: e.data,
          hash,
        });
        prevHash = hash;
        last = recordedAt;
      });
    }
    if (idem) this.stmt.saveIdem.run(idem.scope, idem.key, idem.requestHash, JSON.stringify(idem.response(out)));
    return out;
  }

  findIdempotency(scope: string, key: string): IdempotencyRecord | undefined {
    const r = this.stmt.findIdem.get(scope, key);
    return r && { scope: r.scope, key: r.key, requestHash: r.request_hash, response: JSON.parse(r.response) };
  }

  /** The unique index on event_id refuses a repeated id; the port names it as such. Answers the position. */
  private insert(row: Record<string, unknown>): string {
    try {
      return String(this.stmt.insert.run(row).lastInsertRowid);
    } catch (e) {
      const { code, message } = e as { code?: string; message?: string };
      if (code === 'SQLITE_CONSTRAINT_UNIQUE' && message?.includes('events.event_id')) throw new DuplicateEventId(row.eventId as string);
      throw e;
    }
  }
}
