import { Pool, type PoolClient } from 'pg';
import { RemoteStoreCondition } from '../../remote-store-condition';
import type { StoreCondition } from '../../../core/ports/event-store.port';
import { classifyPostgresFault } from '../postgres-faults';
import { inTransaction } from '../postgres-transaction';
import { schemaIdentifier } from '../postgres-schema';
import { SHARED_TABLES } from './shared-tables';

/** Nest's token of the shared state: null with the embedded store. */
export const SHARED_STATE = Symbol('SharedState');

/** Advisory lock class of the shared tables' migration (the second key is the schema's hash). */
const SHARED_MIGRATE_LOCK = 0x1ed9e410;

export interface SharedStateOptions {
  /** `LEDGER_POSTGRES_URL`. */
  readonly connectionString: string;
  /** The schema of the ledger's tables; default `ledger`. */
  readonly schema?: string;
  /** Deadline (ms) of a connection and of each statement; default 5000. */
  readonly deadlineMs?: number;
  /** How often (ms) the database is asked whether it answers, for /health; default 2000 (0: never). */
  readonly probeMs?: number;
}

/**
 * What every instance of one ledger shares in PostgreSQL, beside the log (DESIGN, "Beyond contract
 * v1"): the pupils' keys, the relay's checkpoint, the API keys, the audit signing key and its
 * checkpoints. One pool for all of them; its condition is the keys' in /health.
 */
export class SharedState {
  readonly s: string;
  private readonly health: RemoteStoreCondition;
  private closed = false;

  private constructor(
    readonly pool: Pool,
    readonly schema: string,
    readonly options: Required<SharedStateOptions>,
  ) {
    this.s = schemaIdentifier(schema);
    // An idle connection that breaks is reported here; unhandled, it would end the process.
    pool.on('error', (e) => this.health.failed(e));
    this.health = new RemoteStoreCondition(async () => void (await pool.query('SELECT 1')), classifyPostgresFault);
  }

  /** Connects and makes the shared tables when missing. Throws when the database cannot be used. */
  static async open(options: SharedStateOptions): Promise<SharedState> {
    const full: Required<SharedStateOptions> = { schema: 'ledger', deadlineMs: 5000, probeMs: 2000, ...options };
    const d = full.deadlineMs;
    const pool = new Pool({
      connectionString: full.connectionString,
      connectionTimeoutMillis: d,
      query_timeout: d,
      statement_timeout: d,
      idle_in_transaction_session_timeout: 2 * d,
      max: 3,
      application_name: 'consent-ledger-shared',
    });
    const state = new SharedState(pool, full.schema, full);
    try {
      await state.transaction(async (c) => {
        await c.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [SHARED_MIGRATE_LOCK, full.schema]);
        await c.query(SHARED_TABLES(state.s));
      });
    } catch (e) {
      await pool.end();
      throw e;
    }
    if (full.probeMs > 0) state.health.start(full.probeMs);
    return state;
  }

  /** A statement, its failure in the ledger's terms (503 when the database cannot be reached). */
  async query<R extends object = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<R[]> {
    try {
      const { rows } = await this.pool.query<R>(text, values);
      this.health.answered();
      return rows;
    } catch (e) {
      throw this.health.failed(e);
    }
  }

  /** `work` in one transaction, committed when it returns, rolled back when it throws. */
  transaction<T>(work: (c: PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, this.health, work);
  }

  condition(): StoreCondition {
    return this.closed ? { status: 'unwritable', reason: 'the shared state was closed' } : this.health.current();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.health.stop();
    await this.pool.end();
  }
}
