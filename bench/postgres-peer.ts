import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { PostgresEventStore } from '../src/store/postgres/postgres-event-store';
import type { StreamWrite } from '../src/core/ports/event-store.port';
import { type HistoryShape, pupilWrite } from './history';
import { type AppendRate, drive } from './peer';
import { ROOT } from './paths';

/** The server the bench makes its database on; `LEDGER_BENCH_POSTGRES_URL` names another. */
export const BENCH_POSTGRES_SERVER = process.env.LEDGER_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** What the PostgreSQL comparison ran on, for the report: the server's version and its durability settings. */
export interface PostgresServer {
  readonly version: string;
  readonly synchronousCommit: string;
  readonly fsync: string;
}

interface EmmettPostgresStore {
  appendToStream(stream: string, events: { type: string; data: unknown; metadata?: unknown }[], options?: { expectedStreamVersion?: bigint }): Promise<unknown>;
  close(): Promise<void>;
}

// A folder of its own: emmett-postgresql 0.42.0 pins emmett 0.42.0, emmett-sqlite (bench/) 0.38.5.
const PEER_DIR = join(ROOT, 'bench', 'peer-postgresql', 'node_modules', '@event-driven-io', 'emmett-postgresql');
export const PG_PEER = '@event-driven-io/emmett-postgresql 0.42.0';
export const OUR_PG = 'consent ledger (PostgresEventStore)';

/** The peer is installed by `npm run bench` into bench/peer-postgresql. */
export const postgresPeerInstalled = () => existsSync(PEER_DIR);

const withDatabase = (server: string, database: string) => {
  const url = new URL(server);
  url.pathname = `/${database}`;
  return url.toString();
};

const admin = async <T>(work: (c: Client) => Promise<T>, connectionString = BENCH_POSTGRES_SERVER): Promise<T> => {
  const c = new Client({ connectionString, connectionTimeoutMillis: 5000 });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
};

/** The server's version and durability settings, or null when it does not answer (the comparison is then left out, and said so). */
export const postgresServer = async (): Promise<PostgresServer | null> => {
  try {
    return await admin(async (c) => {
      const setting = async (name: string) => (await c.query<{ v: string }>(`SELECT current_setting('${name}') AS v`)).rows[0].v;
      return {
        version: await setting('server_version'),
        synchronousCommit: await setting('synchronous_commit'),
        fsync: await setting('fsync'),
      };
    });
  } catch {
    return null;
  }
};

/**
 * A rate counts only what was stored: with no failed append, `table` must hold every event of
 * `writes` (plus `extra`, a warm-up); the run throws rather than report a rate over lost appends.
 */
const assertStored = async (url: string, table: string, failed: number, writes: readonly StreamWrite[], extra: number) => {
  const stored = Number((await admin((c) => c.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`), url)).rows[0].n) - extra;
  const written = writes.reduce((n, w) => n + w.events.length, 0);
  if (failed === 0 ? stored !== written : stored > written)
    throw new Error(`${table}: ${stored} events stored of ${written} written, ${failed} appends failed`);
};

/**
 * The SQLite comparison's workload on PostgreSQL: the same pupil streams appended one stream per
 * append, each expecting a new stream, by the ledger's `PostgresEventStore` (its schema `ledger`)
 * and by emmett-postgresql (its tables in `public`), with the same number of concurrent writers,
 * in a database made for this call and dropped after it. Both acknowledge an append once its
 * transaction committed (`synchronous_commit` as the server has it, reported beside the figures).
 */
export const comparePostgresPeer = async (shape: Omit<HistoryShape, 'pupils'>, pupils: number, writers: number): Promise<AppendRate[]> => {
  const writes = Array.from({ length: pupils }, (_, n) => pupilWrite({ ...shape, pupils }, n));
  const database = `ledger_bench_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${database}`));
  const url = withDatabase(BENCH_POSTGRES_SERVER, database);
  try {
    const ours = await PostgresEventStore.open({ connectionString: url, warn: () => undefined });
    const rates: AppendRate[] = [];
    try {
      const rate = await drive(writes, writers, (w) => ours.append([w]));
      rates.push({ store: OUR_PG, writers, ...rate });
    } finally {
      await ours.close();
    }
    await assertStored(url, 'ledger.events', rates[0].failed, writes, 0);
    if (postgresPeerInstalled()) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { getPostgreSQLEventStore } = require(PEER_DIR) as { getPostgreSQLEventStore(connectionString: string): EmmettPostgresStore };
      // One store object for all writers: it holds a pool of connections, as the ledger's store does.
      const peer = getPostgreSQLEventStore(url);
      try {
        await peer.appendToStream('warm-up', [{ type: 'WarmUp', data: {} }]);
        const rate = await drive(writes, writers, (w) =>
          peer.appendToStream(
            w.stream,
            w.events.map((e) => ({ type: e.type, data: e.data as object, metadata: e.metadata })),
            { expectedStreamVersion: 0n },
          ),
        );
        rates.push({ store: PG_PEER, writers, ...rate });
        await assertStored(url, 'emt_messages', rate.failed, writes, 1);
      } finally {
        await peer.close();
      }
    }
    return rates;
  } finally {
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  }
};
