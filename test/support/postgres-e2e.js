// The e2e-postgres project: the HTTP end-to-end suites a second time with the log and the shared
// state in PostgreSQL. One database for the run, made here with a name of its own and dropped at its
// end; every ledger a test starts keeps its tables in a schema of its own in it (ledger-app.ts).
// Where no PostgreSQL answers, jest.config.js leaves the project out and says so (CI=true: it fails).
'use strict';
const { execFileSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');

/** The server of the PostgreSQL tests (this machine's and CI's); LEDGER_TEST_POSTGRES_URL names another. */
const SERVER = process.env.LEDGER_TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

/** Whether the server answers, asked synchronously: jest.config.js decides which projects run before anything is awaited. */
const postgresAnswers = () => {
  const probe = `const { Client } = require(${JSON.stringify(require.resolve('pg'))});
    const c = new Client({ connectionString: ${JSON.stringify(SERVER)}, connectionTimeoutMillis: 3000 });
    c.connect().then(() => c.query('SELECT 1')).then(() => c.end()).then(() => process.exit(0), () => process.exit(1));`;
  try {
    execFileSync(process.execPath, ['-e', probe], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
};

const admin = async (sql) => {
  const { Client } = require('pg');
  const c = new Client({ connectionString: SERVER, connectionTimeoutMillis: 5000 });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
};

const withDatabase = (database) => {
  const url = new URL(SERVER);
  url.pathname = `/${database}`;
  return url.toString();
};

const setup = async () => {
  const name = `ledger_e2e_${process.pid}_${randomBytes(4).toString('hex')}`;
  try {
    await admin(`CREATE DATABASE ${name}`);
  } catch (e) {
    throw new Error(`PostgreSQL at ${SERVER} could not make the e2e-postgres database: ${e.message}`);
  }
  // Read by every worker (they start after this): ledger-app.ts puts the ledger's schemas in it.
  process.env.LEDGER_TEST_E2E_DATABASE = name;
  process.env.LEDGER_TEST_E2E_POSTGRES_URL = withDatabase(name);
};

const teardown = async () => {
  const name = process.env.LEDGER_TEST_E2E_DATABASE;
  if (!name) return;
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  delete process.env.LEDGER_TEST_E2E_DATABASE;
  delete process.env.LEDGER_TEST_E2E_POSTGRES_URL;
};

module.exports = { SERVER, postgresAnswers, setup, teardown };
