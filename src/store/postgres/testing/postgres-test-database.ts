import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The server the PostgreSQL tests use (this machine's and CI's); `LEDGER_TEST_POSTGRES_URL` names another. */
export const POSTGRES_TEST_SERVER = process.env.LEDGER_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const withDatabase = (server: string, database: string) => {
  const url = new URL(server);
  url.pathname = `/${database}`;
  return url.toString();
};

/**
 * Whether the server answers, asked once per test file and synchronously: jest collects `describe`
 * blocks before any hook runs, and a skipped block must be known by then.
 */
const answers = (): boolean => {
  const probe = `const { Client } = require(${JSON.stringify(require.resolve('pg'))});
    const c = new Client({ connectionString: ${JSON.stringify(POSTGRES_TEST_SERVER)}, connectionTimeoutMillis: 3000 });
    c.connect().then(() => c.query('SELECT 1')).then(() => c.end()).then(() => process.exit(0), () => process.exit(1));`;
  try {
    execFileSync(process.execPath, ['-e', probe], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
};

export interface TestDatabase {
  /** The connection string of this file's own database. */
  readonly url: string;
  /** A schema name not used before in this database: a fresh, empty store. */
  freshSchema(): string;
}

/**
 * A `describe` whose tests run in a database of their own, made before the first and dropped after
 * the last. Where no PostgreSQL answers the block is skipped, and says so loudly; under `CI=true`
 * it fails instead, as CI always has the server.
 */
export const describePostgres = (title: string, body: (db: TestDatabase) => void): void => {
  const available = answers();
  if (!available && process.env.CI !== 'true') {
    console.warn(
      `\n*** PostgreSQL does not answer at ${POSTGRES_TEST_SERVER}: "${title}" is SKIPPED. ***\n*** Start PostgreSQL 15 (or set LEDGER_TEST_POSTGRES_URL) to run it. ***\n`,
    );
    describe.skip(title, () => body({ url: '', freshSchema: () => '' }));
    return;
  }
  const name = `ledger_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  let schemas = 0;
  const db: TestDatabase = { url: withDatabase(POSTGRES_TEST_SERVER, name), freshSchema: () => `s${++schemas}` };
  const admin = async <T>(work: (c: Client) => Promise<T>): Promise<T> => {
    const c = new Client({ connectionString: POSTGRES_TEST_SERVER, connectionTimeoutMillis: 5000 });
    await c.connect();
    try {
      return await work(c);
    } finally {
      await c.end();
    }
  };
  describe(title, () => {
    beforeAll(async () => {
      if (!available) throw new Error(`PostgreSQL does not answer at ${POSTGRES_TEST_SERVER}, and CI=true: the PostgreSQL tests must run`);
      await admin((c) => c.query(`CREATE DATABASE ${name}`));
    });
    afterAll(async () => {
      if (available) await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    });
    body(db);
  });
};
