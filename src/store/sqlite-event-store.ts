import type Database from 'better-sqlite3';
import fs from 'node:fs';
import type { RecordedEvent } from '../ledger/domain/recorded-event';
import {
  type AppendListener,
  type AppendOptions,
  type EventStore,
  type IdempotencyRecord,
  type StoreCondition,
  type StreamRead,
  type StreamWrite,
  type Subscription,
  compareDecimalPositions,
} from '../core/ports/event-store.port';
import { BUSY_GIVE_UP_MS, isBusy } from './sqlite-busy';
import { EVENT_COLUMNS, type EventTuple, toEvent } from './sqlite-event-row';
import { guardFiles, openDatabase } from './sqlite-files';
import { SqliteAppend } from './sqlite-append';
import { ReadAllSubscription } from './read-all-subscription';
import { CHECKPOINTS, SqliteAuditLog } from './sqlite-audit-log';
import { addHashChain, dropAnswerStatus } from './sqlite-migrations';
import { IMMUTABLE, SCHEMA } from './sqlite-schema';
import type { StoreGuard } from './store-guard';
import { WalCheckpointer } from './wal-checkpointer';

interface Pending {
  readonly writes: readonly StreamWrite[];
  readonly options: AppendOptions;
  /** When it first asked to be written: a busy database is waited for this long, no longer. */
  readonly since: number;
  resolve(events: readonly RecordedEvent[]): void;
  reject(error: unknown): void;
}

type Outcome = { readonly events: RecordedEvent[] } | { readonly error: unknown };
const BUSY_RETRY_MS = 5;

/**
 * The embedded store: one SQLite file in WAL mode; an append is acknowledged only after the WAL
 * holding it was fsynced (group commit), so it survives a power cut. Writes to several streams
 * commit in one transaction.
 */
export class SqliteEventStore implements EventStore {
  readonly atomicMultiStreamAppend = true;
  private readonly db: Database.Database;
  private readonly listeners = new Set<() => void>();
  private syncing = false;
  /** The WAL, held open for the fsync every acknowledgement waits for. */
  private readonly wal: number;
  private readonly guard: StoreGuard;
  private readonly pending: Pending[] = [];
  private readonly stmt;
  private readonly writer: SqliteAppend;
  private readonly warn: (message: string) => void;
  private readonly checkpointer: WalCheckpointer;
  /** Made once: better-sqlite3 builds a transaction's wrappers anew on every call of `transaction`. */
  private readonly appendOne: Database.Transaction<(writes: readonly StreamWrite[], options: AppendOptions) => RecordedEvent[]>;
  private readonly group: Database.Transaction<(batch: readonly Pending[]) => Outcome[]>;

  private readonly appended = new Set<AppendListener>();
  readonly watchAppends?: (listener: AppendListener) => () => void;

  /**
   * `soleWriter`: this object is the one writer of `file` (the process holds the data directory's lock
   * and opened it once), so it offers `watchAppends`; never for a file a tool beside the ledger opens.
   */
  constructor(
    readonly file: string,
    { warn = (m: string) => process.emitWarning(m), soleWriter = false }: { readonly warn?: (message: string) => void; readonly soleWriter?: boolean } = {},
  ) {
    if (soleWriter)
      this.watchAppends = (listener) => {
        this.appended.add(listener);
        return () => this.appended.delete(listener);
      };
    this.warn = warn;
    this.db = openDatabase(file, {}, (db) => {
      db.pragma('journal_mode = WAL');
      // The commit writes the WAL; the fsync that makes it durable is ours, off the main thread
      // (see flush), so that commands keep arriving while the disk syncs: that is the group.
      db.pragma('synchronous = NORMAL');
      db.pragma('busy_timeout = 5000');
      db.exec(SCHEMA);
      addHashChain(db);
      dropAnswerStatus(db);
      db.exec(IMMUTABLE);
      db.exec(CHECKPOINTS);
    });
    // Both files exist by now (the schema was written through the WAL): they are the ones to keep writing.
    this.guard = guardFiles(this.db, [file, `${file}-wal`], warn);
    this.wal = fs.openSync(`${file}-wal`, 'r');
    this.writer = new SqliteAppend(this.db);
    // One append, all or nothing: run inside the group's transaction, it is a savepoint of its own.
    this.appendOne = this.db.transaction((writes: readonly StreamWrite[], options: AppendOptions) => this.writer.write(writes, options));
    this.group = this.db.transaction(this.writeGroup);
    this.checkpointer = new WalCheckpointer(this.db, (m) => warn(`WAL checkpoint of ${file} failed: ${m}`));
    this.stmt = {
      stream: this.db.prepare<[string, number], EventTuple>(`SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision`).raw(),
      all: this.db.prepare<[number, number], EventTuple>(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`).raw(),
      last: this.db.prepare<[], { position: number | null }>('SELECT MAX(position) AS position FROM events'),
    };
  }

  async readStream(stream: string, fromRevision = 0): Promise<StreamRead> {
    const events = this.stmt.stream.all(stream, fromRevision).map(toEvent);
    return { revision: events.length > 0 ? events[events.length - 1].revision : fromRevision - 1, events };
  }

  /**
   * Group commit: every append that arrives while the previous group is being synced joins the
   * next group — one transaction, one fsync of the WAL. Each append keeps its own savepoint, so a
   * stale expected revision refuses that append alone, and none is acknowledged before the fsync
   * of its commit returned: an acknowledged append survives a power cut.
   */
  append(writes: readonly StreamWrite[], options: AppendOptions = {}): Promise<readonly RecordedEvent[]> {
    return new Promise((resolve, reject) => {
      this.pending.push({ writes, options, since: Date.now(), resolve, reject });
      if (!this.syncing && this.pending.length === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const batch = this.pending.splice(0);
    if (batch.length === 0) return;
    let outcomes: Outcome[];
    try {
      // Once per group: its files must still be the ones at their paths, and writable.
      this.guard.assertWritable();
      // IMMEDIATE takes the write lock first, so the revision checks and the inserts see one state
      // even when another process appends to the same file.
      outcomes = this.group.immediate(batch);
    } catch (error) {
      // Nothing of the group was written: a busy database is waited for, anything else refused.
      if (isBusy(error) && Date.now() - batch[0].since < BUSY_GIVE_UP_MS) {
        this.pending.unshift(...batch);
        setTimeout(() => this.flush(), BUSY_RETRY_MS);
        return;
      }
      const fault = this.guard.fault(error);
      batch.forEach((p) => p.reject(fault));
      return;
    }
    // Committed: a reader sees these events from now on, so a listener is told now, acknowledged or not.
    if (this.appended.size > 0) this.tellAppended(outcomes);
    const wrote = outcomes.some((o) => 'events' in o && o.events.length > 0);
    const settle = (syncError: Error | null) => {
      this.syncing = false;
      // The moment of acknowledgement: what was synced must be in the files at their paths, or
      // it would be gone with the process. Then the group is refused (and in the rescued copy).
      const failure = syncError ? this.guard.fault(syncError) : this.guard.sameFiles();
      if (wrote && !failure) this.guard.wrote();
      batch.forEach((p, i) => {
        const o = outcomes[i];
        if (failure && 'events' in o && o.events.length > 0) p.reject(failure);
        else if ('error' in o) p.reject(this.guard.fault(o.error));
        else p.resolve(o.events);
      });
      if (wrote && !failure) this.listeners.forEach((notify) => notify());
      if (this.pending.length > 0) this.flush();
    };
    if (!wrote) return settle(null);
    this.syncing = true;
    fs.fsync(this.wal, settle);
  }

  /** Each stream a committed append wrote, with its last revision; an append's events of one stream are contiguous. */
  private tellAppended(outcomes: readonly Outcome[]): void {
    const events = outcomes.flatMap((o) => ('events' in o ? o.events : []));
    events.forEach((e, i) => events[i + 1]?.stream !== e.stream && this.appended.forEach((tell) => tell(e.stream, e.revision)));
  }

  condition(): StoreCondition {
    return this.guard.condition();
  }

  /** The audit side of this store, over this store's own connection: closed with the store. */
  auditLog(): SqliteAuditLog {
    return new SqliteAuditLog(this.db, { condition: () => this.condition() });
  }

  async readAll(after: string | null, limit: number): Promise<readonly RecordedEvent[]> {
    return this.stmt.all.all(after === null ? 0 : Number(after), limit).map(toEvent);
  }

  subscribe(after: string | null, handle: (events: readonly RecordedEvent[]) => Promise<void> | void): Subscription {
    const sub = new ReadAllSubscription(
      this,
      after,
      handle,
      (l) => {
        this.listeners.add(l);
        return () => this.listeners.delete(l);
      },
      this.warn,
    );
    sub.start();
    return sub;
  }

  async findIdempotency(scope: string, key: string): Promise<IdempotencyRecord | undefined> {
    return this.writer.findIdempotency(scope, key);
  }

  async head(): Promise<string | null> {
    const p = this.stmt.last.get()?.position;
    return p === null || p === undefined ? null : String(p);
  }

  comparePositions(a: string, b: string): number {
    return compareDecimalPositions(a, b);
  }

  async hasPosition(position: string): Promise<boolean> {
    // Only the canonical decimal form this store writes: not "-5", "0x1", "1e3", " 7" or "07".
    if (!/^[1-9][0-9]{0,15}$/.test(position)) return false;
    this.positionAt ??= this.db.prepare<[number], { found: number }>('SELECT 1 AS found FROM events WHERE position = ?');
    return this.positionAt.get(Number(position)) !== undefined;
  }
  private positionAt?: Database.Statement<[number], { found: number }>;

  async close(): Promise<void> {
    this.guard.stopWatching();
    this.listeners.clear();
    this.appended.clear();
    while (this.syncing || this.pending.length > 0) await new Promise((r) => setTimeout(r, 1));
    if (!this.db.open) return;
    await this.checkpointer.close();
    fs.closeSync(this.wal);
    this.db.close();
  }

  /**
   * Every append of a group in one transaction; each fails or succeeds on its own, its savepoint
   * rolled back. But an error that ended the transaction itself (a full disk, an I/O error) fails
   * the whole group: the appends after it would otherwise be written outside any transaction.
   */
  private readonly writeGroup = (batch: readonly Pending[]): Outcome[] =>
    batch.map((p) => {
      try {
        return { events: this.appendOne(p.writes, p.options) };
      } catch (error) {
        if (!this.db.inTransaction) throw error;
        return { error };
      }
    });
}
