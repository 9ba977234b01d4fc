import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import type { StoreSelection } from '../../src/config/store-selection';

/**
 * Which store the e2e suites run on: the embedded SQLite files, or PostgreSQL in the e2e-postgres
 * project (jest.config.js sets its global LEDGER_TEST_STORE; its globalSetup makes the database and
 * names it in LEDGER_TEST_E2E_POSTGRES_URL, test/support/postgres-e2e.js).
 */
export const testStoreKind = (): 'sqlite' | 'postgres' =>
  (globalThis as { LEDGER_TEST_STORE?: string }).LEDGER_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';

const databaseUrl = (): string => {
  const url = process.env.LEDGER_TEST_E2E_POSTGRES_URL;
  if (!url) throw new Error('the e2e-postgres project runs without its database: LEDGER_TEST_E2E_POSTGRES_URL is unset (test/support/postgres-e2e.js)');
  return url;
};

/**
 * The schema of the ledger started on a data directory: one per directory, so that a ledger started
 * again on the same directory finds its log again, as the embedded one finds its files. The database
 * of the run, with every schema in it, is dropped at the end of the run.
 */
export const schemaOf = (dataDir: string): string => `e2e_${createHash('sha256').update(dataDir).digest('hex').slice(0, 24)}`;

/** The store a ledger on `dataDir` runs on in this project. */
export const testStore = (dataDir: string): StoreSelection =>
  testStoreKind() === 'postgres' ? { kind: 'postgres', postgresUrl: databaseUrl(), schema: schemaOf(dataDir) } : { kind: 'sqlite' };

/** The environment that starts the ledger (bootstrap, `npm start`) on the project's store. */
export const testStoreEnv = (dataDir: string): Record<string, string> =>
  testStoreKind() === 'postgres' ? { LEDGER_STORE: 'postgres', LEDGER_POSTGRES_URL: databaseUrl(), LEDGER_POSTGRES_SCHEMA: schemaOf(dataDir) } : {};

/** The `ledger` command's options that name the store of a data directory (none for SQLite: the directory says it). */
export const cliStoreOptions = (dataDir: string): string[] =>
  testStoreKind() === 'postgres' ? ['--store', 'postgres', '--postgres-url', databaseUrl(), '--postgres-schema', schemaOf(dataDir)] : [];

/**
 * What a PostgreSQL-backed ledger keeps in its schema, as text to search in: every row of the tables
 * `tables` selects, each bytea value as its latin1 bytes (as rawBytes reads the embedded files).
 * Synchronous, as rawBytes is: read by a child process.
 */
export const postgresRows = (dataDir: string, tables: (name: string) => boolean): string => {
  const schema = schemaOf(dataDir);
  const script = `const { Client } = require(${JSON.stringify(require.resolve('pg'))});
    (async () => {
      const c = new Client({ connectionString: ${JSON.stringify(databaseUrl())} });
      await c.connect();
      const names = (await c.query("SELECT table_name FROM information_schema.tables WHERE table_schema = $1", [${JSON.stringify(schema)}])).rows.map((r) => r.table_name);
      const out = {};
      for (const t of names) {
        const rows = (await c.query('SELECT * FROM ${schema}.' + t)).rows;
        out[t] = rows.map((r) => Object.values(r).map((v) => (Buffer.isBuffer(v) ? v.toString('latin1') : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v))).join('\\n')).join('\\n');
      }
      await c.end();
      process.stdout.write(JSON.stringify(out));
    })().catch((e) => { console.error(e); process.exit(1); });`;
  const all = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })) as Record<string, string>;
  return Object.entries(all)
    .filter(([name]) => tables(name))
    .map(([, text]) => text)
    .join('\n');
};
