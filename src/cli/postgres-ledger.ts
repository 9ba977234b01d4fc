import { createPublicKey, type KeyObject } from 'node:crypto';
import { Client } from 'pg';
import type { SignedCheckpoint } from '../audit/checkpoint';
import { type RawEvent, type StoredEventRow as RawRow, rawEventOf as toRaw } from '../core/hash-chain';
import { describeUrl } from '../config/store-selection';
import { schemaIdentifier } from '../store/postgres/postgres-schema';
import { CHECKPOINT_COLUMNS, type CheckpointRow, checkpointOf } from '../store/postgres/shared/checkpoint-rows';

const COLUMNS = 'e.position::text AS position, e.event_id, e.stream, e.revision, e.type, e.occurred_at, e.recorded_at, e.metadata, e.data, e.prev_hash, e.hash';

/**
 * A ledger's log and shared state in PostgreSQL as the auditor's commands read them: one connection
 * whose every transaction is read-only (the server refuses a write), so `verify`, `replay` and
 * `export` change nothing and need no lock beside the running instances. Everything is read in one
 * REPEATABLE READ snapshot: what is verified or replayed is one moment of the log.
 */
export class PostgresLedger {
  private readonly s: string;

  private constructor(
    private readonly client: Client,
    schema: string,
  ) {
    this.s = schemaIdentifier(schema);
  }

  /** @throws Error saying the log is not there when the schema holds no ledger (`no ledger store in …`). */
  static async open(connectionString: string, schema: string): Promise<PostgresLedger> {
    const client = new Client({ connectionString, connectionTimeoutMillis: 10_000, application_name: 'consent-ledger-cli' });
    await client.connect();
    const ledger = new PostgresLedger(client, schema);
    try {
      await client.query('SET default_transaction_read_only = on');
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const found = await client.query("SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'events'", [schema]);
      if (found.rowCount === 0) throw new Error(`no ledger store in schema ${schema} of ${describeUrl(connectionString)}`);
    } catch (e) {
      await client.end();
      throw e;
    }
    return ledger;
  }

  /** Every stored event in position order, read in pages of `pageSize`. */
  async *rawEvents(pageSize = 5000): AsyncGenerator<RawEvent> {
    for (let after = '0'; ;) {
      const { rows } = await this.client.query<RawRow>(`SELECT ${COLUMNS} FROM ${this.s}.events e WHERE e.position > $1 ORDER BY e.position LIMIT $2`, [
        after,
        pageSize,
      ]);
      if (rows.length === 0) return;
      for (const r of rows) yield toRaw(r);
      after = String(rows[rows.length - 1].position);
    }
  }

  async allRawEvents(): Promise<RawEvent[]> {
    const all: RawEvent[] = [];
    for await (const e of this.rawEvents()) all.push(e);
    return all;
  }

  async count(): Promise<number> {
    return Number((await this.client.query<{ n: string }>(`SELECT count(*) AS n FROM ${this.s}.events`)).rows[0].n);
  }

  async streamEvents(stream: string): Promise<RawEvent[]> {
    const { rows } = await this.client.query<RawRow>(`SELECT ${COLUMNS} FROM ${this.s}.events e WHERE e.stream = $1 ORDER BY e.revision`, [stream]);
    return rows.map(toRaw);
  }

  async checkpoints(): Promise<SignedCheckpoint[]> {
    const { rows } = await this.client.query<CheckpointRow>(`SELECT ${CHECKPOINT_COLUMNS} FROM ${this.s}.audit_checkpoints ORDER BY seq`);
    return rows.map(checkpointOf);
  }

  /** The public half of the shared signing key, as the ledger keeps it; null before its first start made one. */
  async publicKey(): Promise<KeyObject | null> {
    const { rows } = await this.client.query<{ public_pem: string }>(`SELECT public_pem FROM ${this.s}.audit_signing_key WHERE id = 1`);
    return rows[0] ? createPublicKey(rows[0].public_pem) : null;
  }

  /** One pupil's key, read once: what an export needs to open personal fields, and nothing that makes or destroys one. */
  async keysOf(pupilId: string): Promise<{ keyFor(id: string, create: boolean): Buffer | null; isDestroyed(id: string): boolean }> {
    const key = (await this.client.query<{ key: Buffer }>(`SELECT key FROM ${this.s}.pupil_keys WHERE pupil_id = $1`, [pupilId])).rows[0]?.key ?? null;
    const destroyed = ((await this.client.query(`SELECT 1 FROM ${this.s}.destroyed_keys WHERE pupil_id = $1`, [pupilId])).rowCount ?? 0) > 0;
    return {
      keyFor: (id, create) => {
        if (create) throw new Error('the auditor’s commands make no key');
        return id === pupilId ? key : null;
      },
      isDestroyed: (id) => id === pupilId && destroyed,
    };
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}
