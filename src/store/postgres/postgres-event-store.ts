import { Pool } from 'pg';
import type { RawEvent } from '../../core/hash-chain';
import type { RecordedEvent } from '../../ledger/domain/recorded-event';
import {
  type AppendOptions,
  type EventStore,
  type IdempotencyRecord,
  type StoreCondition,
  type StreamRead,
  type StreamWrite,
  type Subscription,
  compareDecimalPositions,
} from '../../core/ports/event-store.port';
import { unavailable } from '../store-guard';
import { RemoteStoreCondition } from '../remote-store-condition';
import { classifyPostgresFault } from './postgres-faults';
import { PostgresGroupCommit } from './postgres-group-commit';
import { PostgresListener } from './postgres-listener';
import { eventColumns, type EventTuple, RAW_COLUMNS, type RawTuple, isPositionText, toEvent, toRaw } from './postgres-rows';
import { channelOf, migrate, schemaIdentifier } from './postgres-schema';
import { ReadAllSubscription } from '../read-all-subscription';

export interface PostgresStoreOptions {
  /** A libpq connection string, `postgres://user@host:5432/database` (LEDGER_POSTGRES_URL). */
  readonly connectionString: string;
  /** The schema holding the ledger's tables (made when missing); default `ledger`. */
  readonly schema?: string;
  /** Deadline (ms) of a connection, of each statement and of the wait for a lock; default 5000. */
  readonly deadlineMs?: number;
  /** Connections this store keeps for reads and its group commits; default 4 (plus one that listens). */
  readonly poolSize?: number;
  /** How often (ms) subscriptions read without a notification: the fallback of LISTEN/NOTIFY; default 1000. */
  readonly pollMs?: number;
  /** How often (ms) the database is asked whether it answers, for /health; default 2000. */
  readonly probeMs?: number;
  readonly warn?: (message: string) => void;
  /**
   * The clock of `recordedAt` (ms since the epoch) in place of the database's `clock_timestamp()`,
   * still held at or after the last event's. Production never gives one: the database's clock is
   * the one clock every instance shares, where each host's own could differ (DESIGN "Time, in one
   * place"). Tests give theirs, so that `recordedAt` and the answers "as known at" follow the time
   * they set, as on the embedded store.
   */
  readonly now?: () => number;
}

/**
 * The event store on PostgreSQL, for several ledger instances on one log.
 *
 * **Global order.** A position is given out, with the record time, under a transaction-scoped
 * advisory lock that is held until COMMIT; so transactions that write events commit in position
 * order, and a reader (any snapshot, any instance) sees a prefix of the log: never position n+1
 * without n, no gaps (no sequence: a rolled-back append gives its positions back). The alternative
 * of Marten and Emmett — positions from a sequence without a lock, readers stopping below
 * `pg_snapshot_xmin(pg_current_snapshot())` — lets writers overlap, but its order is (transaction
 * id, sequence), not the position: a transaction with a lower id can commit later with a lower
 * position than one already read, so the position a reader keeps must be that pair; and
 * `recordedAt` could not be held monotonic in that order without a lock again (DESIGN "Time, in
 * one place"). The lock's cost is that transactions writing events run one at a time across all
 * instances, each through its commit's WAL flush; group commit wins it back: within one instance
 * every append that queued while the last group committed joins the next transaction. Measured
 * on 2 shared cores (load about 7), PostgreSQL 15 on the same host, one event per append: 377
 * appends/s with 1 writer, 5,441 with 16 writers in one instance, 2,539 with 16 writers in each of
 * two instances (their groups take turns at the lock); `readAll` 132,000 events/s in pages of 500.
 *
 * **Time.** `recordedAt` is the database's `clock_timestamp()` (or the `now` the store was given,
 * in tests), held at or after the last event's under the lock: the one clock of every instance,
 * never decreasing in position order. The `recordedAt` an append brings is ignored.
 *
 * **Hash chain.** The same `chainHash` as the embedded store over the same text (JSON as stored,
 * never `jsonb`), so one verification serves either log. Events are immutable by trigger (UPDATE,
 * DELETE and TRUNCATE refused). The idempotency record is written in the append's transaction.
 *
 * **Faults.** A database that cannot be reached, does not answer within `deadlineMs` or takes no
 * writes makes the condition `unwritable` (commands 503 STORE.UNAVAILABLE), a full disk
 * `disk_full` (507); a probe clears it once the database answers again.
 */
export class PostgresEventStore implements EventStore {
  readonly atomicMultiStreamAppend = true;
  private readonly pool: Pool;
  private readonly s: string;
  private readonly channel: string;
  private readonly health: RemoteStoreCondition;
  private readonly listener: PostgresListener;
  private readonly subscriptions = new Set<Subscription>();
  private readonly groups: PostgresGroupCommit;
  private closed = false;

  private constructor(
    private readonly options: Required<Omit<PostgresStoreOptions, 'connectionString' | 'now'>> & Pick<PostgresStoreOptions, 'connectionString' | 'now'>,
  ) {
    this.s = schemaIdentifier(options.schema);
    this.channel = channelOf(options.schema);
    const deadline = options.deadlineMs;
    const connection = { connectionString: options.connectionString, connectionTimeoutMillis: deadline, application_name: 'consent-ledger', keepAlive: true };
    this.pool = new Pool({
      ...connection,
      max: options.poolSize,
      query_timeout: deadline,
      statement_timeout: deadline,
      lock_timeout: deadline,
      idle_in_transaction_session_timeout: 2 * deadline,
    });
    // An idle connection that breaks is reported here; unhandled, it would end the process.
    this.pool.on('error', (e) => this.health.failed(e));
    this.health = new RemoteStoreCondition(async () => void (await this.pool.query('SELECT 1')), classifyPostgresFault);
    this.listener = new PostgresListener(connection, this.channel);
    this.groups = new PostgresGroupCommit(this.pool, this.health, options.schema, this.s, this.channel, options.now);
  }

  /** Connects, makes the schema when missing and starts the probe. Throws when the database cannot be used. */
  static async open(options: PostgresStoreOptions): Promise<PostgresEventStore> {
    const store = new PostgresEventStore({
      schema: 'ledger',
      deadlineMs: 5000,
      poolSize: 4,
      pollMs: 1000,
      probeMs: 2000,
      warn: (m) => process.emitWarning(m),
      ...options,
    });
    try {
      await migrate(store.pool, store.options.schema);
    } catch (e) {
      await store.close();
      throw e;
    }
    store.health.start(store.options.probeMs);
    return store;
  }

  /** A statement through the pool, counted for the condition: its failure in the ledger's terms. */
  private async query<R extends unknown[]>(text: string, values: unknown[]): Promise<R[]> {
    if (this.closed) throw unavailable('the PostgreSQL store was closed');
    try {
      const { rows } = await this.pool.query<R>({ text, values, rowMode: 'array' });
      this.health.answered();
      return rows;
    } catch (e) {
      throw this.health.failed(e);
    }
  }

  async readStream(stream: string, fromRevision = 0): Promise<StreamRead> {
    // The stream's last revision and the events from `fromRevision`, in one snapshot.
    const rows = await this.query<[number | null, ...(EventTuple | [null])]>(
      `SELECT h.last, ${eventColumns('e.')} FROM (SELECT max(revision) AS last FROM ${this.s}.events WHERE stream = $1) AS h
         LEFT JOIN ${this.s}.events e ON e.stream = $1 AND e.revision >= $2 ORDER BY e.revision`,
      // Revisions are `integer`: a read from beyond any stream's end is one from its largest value.
      [stream, Math.min(fromRevision, 2 ** 31 - 1)],
    );
    const last = rows[0][0];
    const events = rows.filter((r) => r[1] !== null).map((r) => toEvent(r.slice(1) as EventTuple));
    return { revision: last ?? -1, events };
  }

  append(writes: readonly StreamWrite[], options: AppendOptions = {}): Promise<readonly RecordedEvent[]> {
    if (this.closed) return Promise.reject(unavailable('the PostgreSQL store was closed'));
    return this.groups.append(writes, options);
  }

  async readAll(after: string | null, limit: number): Promise<readonly RecordedEvent[]> {
    const rows = await this.query<EventTuple>(`SELECT ${eventColumns()} FROM ${this.s}.events WHERE position > $1 ORDER BY position LIMIT $2`, [
      after ?? '0',
      limit,
    ]);
    return rows.map(toEvent);
  }

  /** Stored events as an auditor hashes them (JSON as its stored text), after a position, in global order. */
  async readRaw(after: string | null, limit: number): Promise<readonly RawEvent[]> {
    const rows = await this.query<RawTuple>(`SELECT ${RAW_COLUMNS} FROM ${this.s}.events WHERE position > $1 ORDER BY position LIMIT $2`, [
      after ?? '0',
      limit,
    ]);
    return rows.map(toRaw);
  }

  subscribe(after: string | null, handle: (events: readonly RecordedEvent[]) => Promise<void> | void): Subscription {
    const sub = new ReadAllSubscription(this, after, handle, (wake) => this.listener.listen(wake), this.options.warn, this.options.pollMs);
    sub.start();
    const tracked: Subscription = {
      close: async () => {
        this.subscriptions.delete(tracked);
        await sub.close();
      },
    };
    this.subscriptions.add(tracked);
    return tracked;
  }

  async findIdempotency(scope: string, key: string): Promise<IdempotencyRecord | undefined> {
    const rows = await this.query<[string, string]>(`SELECT request_hash, response FROM ${this.s}.idempotency WHERE scope = $1 AND key = $2`, [scope, key]);
    return rows.length === 0 ? undefined : { scope, key, requestHash: rows[0][0], response: JSON.parse(rows[0][1]) as unknown };
  }

  async head(): Promise<string | null> {
    const rows = await this.query<[string | null]>(`SELECT max(position) FROM ${this.s}.events`, []);
    return rows[0][0];
  }

  condition(): StoreCondition {
    return this.health.current();
  }

  comparePositions(a: string, b: string): number {
    return compareDecimalPositions(a, b);
  }

  async hasPosition(position: string): Promise<boolean> {
    if (!isPositionText(position)) return false;
    return (await this.query(`SELECT 1 FROM ${this.s}.events WHERE position = $1`, [position])).length > 0;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    await this.groups.settled();
    this.closed = true;
    this.health.stop();
    await this.listener.close();
    await this.pool.end();
  }
}
