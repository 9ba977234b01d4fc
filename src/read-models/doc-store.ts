import type Database from 'better-sqlite3';
import { openDatabase } from '../store/sqlite-files';
import { diskFullOr } from '../store/store-guard';
import { WalCheckpointer } from '../store/wal-checkpointer';

/**
 * Parsed documents kept per connection (each thread has its own). Small on purpose: at 1.5 M events
 * a rebuild with 50,000 ran at 25,300 events/s in 856 MiB, with 10,000 at 32,100 in 421 MiB, with
 * 2,000 at 34,700 in 305 MiB — a large cache that misses at random costs more in garbage collection
 * than it saves in parsing (BENCHMARKS.md, "What bounds the queries").
 */
const CACHE = 2_000;

/** A document's place in the cache: NUL cannot occur in a projection's name. */
const cacheKey = (projection: string, key: string) => `${projection}\u0000${key}`;

/** The last event a read model applied: its id, and where to find it again through the store port. */
export interface LastEvent {
  readonly eventId: string;
  readonly stream: string;
  readonly revision: number;
}

/**
 * Read models live in their own file beside the events: derived data that can be deleted and
 * rebuilt at any time. Documents and checkpoints are written in one transaction.
 */
export class DocStore {
  private readonly db: Database.Database;
  private readonly stmt;
  private readonly cache = new Map<string, unknown>();
  private readonly checkpointer: WalCheckpointer | null;

  /**
   * @param options.checkpointer false for a second connection to a file whose first connection
   *   already runs the checkpoint thread (one per file): this one never checkpoints at all.
   * @throws StoreOpenError naming the file and the cause when it cannot be opened.
   */
  constructor(
    readonly file: string,
    { checkpointer = true }: { readonly checkpointer?: boolean } = {},
  ) {
    this.db = openDatabase(file, {}, (db) => {
      db.pragma('journal_mode = WAL');
      // A crash loses at most the last batch, which the checkpoint replays: no fsync per batch needed.
      db.pragma('synchronous = NORMAL');
      // The checkpoint thread holds writers off for a moment now and then: wait for it, never fail.
      db.pragma('busy_timeout = 5000');
      db.exec(`
        CREATE TABLE IF NOT EXISTS docs (projection TEXT NOT NULL, key TEXT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (projection, key));
        CREATE TABLE IF NOT EXISTS checkpoints (projection TEXT PRIMARY KEY, version INTEGER NOT NULL, position TEXT);
      `);
      // The last event applied, to tell the log the read models were built from from another one at the same position.
      const columns = db.prepare<[], string>("SELECT name FROM pragma_table_info('checkpoints')").pluck().all();
      if (!columns.includes('last_event')) db.exec('ALTER TABLE checkpoints ADD COLUMN last_event TEXT');
      // A write now, so that a file the ledger cannot write refuses the start naming it (StoreOpenError),
      // not later with SQLite's bare "attempt to write a readonly database".
      db.pragma(`user_version = ${Number(db.pragma('user_version', { simple: true }))}`);
    });
    if (!checkpointer) this.db.pragma('wal_autocheckpoint = 0');
    this.checkpointer = checkpointer ? new WalCheckpointer(this.db) : null;
    this.stmt = {
      get: this.db.prepare<[string, string], { doc: string }>('SELECT doc FROM docs WHERE projection = ? AND key = ?'),
      put: this.db.prepare('INSERT OR REPLACE INTO docs (projection, key, doc) VALUES (?, ?, ?)'),
      all: this.db.prepare<[string], { key: string; doc: string }>('SELECT key, doc FROM docs WHERE projection = ? ORDER BY key'),
      page: this.db.prepare<[string, string, number], { key: string; doc: string }>(
        'SELECT key, doc FROM docs WHERE projection = ? AND key > ? ORDER BY key LIMIT ?',
      ),
      prefix: this.db.prepare<[string, string, string], { key: string; doc: string }>(
        'SELECT key, doc FROM docs WHERE projection = ? AND key >= ? AND key < ? ORDER BY key',
      ),
      checkpoint: this.db.prepare<[string], { version: number; position: string | null; last_event: string | null }>(
        'SELECT version, position, last_event FROM checkpoints WHERE projection = ?',
      ),
      save: this.db.prepare('INSERT OR REPLACE INTO checkpoints (projection, version, position, last_event) VALUES (?, ?, ?, ?)'),
      clear: this.db.prepare('DELETE FROM docs WHERE projection = ?'),
    };
  }

  get<T>(projection: string, key: string): T | undefined {
    const id = cacheKey(projection, key);
    if (this.cache.has(id)) return this.cache.get(id) as T;
    const doc = this.parsed<T>(projection, key);
    if (doc !== undefined) this.remember(id, doc);
    return doc;
  }

  /**
   * A document parsed for one use and not kept (unless the cache already holds it): for small
   * documents asked at random, whose parsed copies would only pass through the LRU into V8's old
   * generation and be collected there — at 1.5 M events the class check's p99 was such collections
   * of the LRU's heap (BENCHMARKS.md, "What bounds the queries"), not its reads.
   */
  read<T>(projection: string, key: string): T | undefined {
    const id = cacheKey(projection, key);
    return this.cache.has(id) ? (this.cache.get(id) as T) : this.parsed<T>(projection, key);
  }

  /** The stored document, parsed; undefined when there is none. */
  private parsed<T>(projection: string, key: string): T | undefined {
    const row = this.stmt.get.get(projection, key);
    return row && (JSON.parse(row.doc) as T);
  }

  /** Parsed documents stay in memory (least recently used go first): folds and queries share them. */
  private remember(id: string, doc: unknown): void {
    this.cache.delete(id);
    this.cache.set(id, doc);
    if (this.cache.size > CACHE) this.cache.delete(this.cache.keys().next().value as string);
  }

  /** Drops documents from the cache (written by another connection): the next get reads them again. */
  forget(projection: string, keys: readonly string[]): void {
    for (const key of keys) this.cache.delete(cacheKey(projection, key));
  }

  all<T>(projection: string, keyPrefix = ''): T[] {
    const rows = keyPrefix ? this.stmt.prefix.all(projection, keyPrefix, `${keyPrefix}\uffff`) : this.stmt.all.all(projection);
    return rows.map((r) => JSON.parse(r.doc) as T);
  }

  /**
   * A projection's documents a page at a time, in key order. For work that writes while it reads
   * (no statement stays open between pages) and that must not hold every document at once.
   */
  *pages<T>(projection: string, size = 1000): Generator<T[]> {
    for (let after = ''; ;) {
      const rows = this.stmt.page.all(projection, after, size);
      if (rows.length === 0) return;
      after = rows[rows.length - 1].key;
      yield rows.map((r) => JSON.parse(r.doc) as T);
    }
  }

  /** Where a projection stands: its version, the position it reached and the last event it applied (null before any, or when written before it was kept). */
  checkpoint(projection: string): { version: number; position: string | null; lastEvent: LastEvent | null } | undefined {
    const row = this.stmt.checkpoint.get(projection);
    return row && { version: row.version, position: row.position, lastEvent: row.last_event ? (JSON.parse(row.last_event) as LastEvent) : null };
  }

  reset(projection: string, version: number): void {
    this.cache.clear();
    this.db
      .transaction(() => {
        this.stmt.clear.run(projection);
        this.stmt.save.run(projection, version, null, null);
      })
      .immediate();
  }

  /** Drops the documents and checkpoints of read models no longer kept; answers their names. */
  retire(kept: readonly string[]): string[] {
    const gone = this.db
      .prepare<[], string>('SELECT projection FROM checkpoints')
      .pluck()
      .all()
      .filter((p) => !kept.includes(p));
    const forget = this.db.prepare('DELETE FROM checkpoints WHERE projection = ?');
    this.db.transaction(() => gone.forEach((p) => (this.stmt.clear.run(p), forget.run(p)))).immediate();
    if (gone.length > 0) this.cache.clear();
    return gone;
  }

  /** Documents and the checkpoint they reach, together or not at all. */
  commit(projection: string, version: number, docs: ReadonlyMap<string, unknown>, position: string, lastEvent: LastEvent | null = null): void {
    this.commitMany([{ projection, version, docs, position, lastEvent }]);
  }

  /**
   * Several projections' documents and checkpoints in one transaction. IMMEDIATE, as every write
   * here: a transaction that reads before it asks to write holds a snapshot the checkpoint thread's
   * TRUNCATE waits for, while it waits for the lock the checkpoint holds — both until the timeout.
   */
  commitMany(
    parts: readonly { projection: string; version: number; docs: ReadonlyMap<string, unknown>; position: string; lastEvent?: LastEvent | null }[],
  ): void {
    try {
      this.db
        .transaction(() => {
          for (const { projection, version, docs, position, lastEvent } of parts) {
            // In key order: neighbouring keys share B-tree pages, so a batch touches fewer of them.
            for (const key of [...docs.keys()].sort()) this.stmt.put.run(projection, key, JSON.stringify(docs.get(key)));
            this.stmt.save.run(projection, version, position, lastEvent ? JSON.stringify(lastEvent) : null);
          }
        })
        .immediate();
    } catch (e) {
      // A full disk reaches the readers waiting for this batch as 507, not as a failure of their own.
      throw diskFullOr(e);
    }
    for (const { projection, docs } of parts) for (const [key, doc] of docs) this.remember(cacheKey(projection, key), doc);
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    await this.checkpointer?.close();
    this.db.close();
  }
}
