import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describePostgres } from '../../src/store/postgres/testing/postgres-test-database';
import { LedgerProcess } from '../support/ledger-process';

jest.setTimeout(120_000);

describePostgres('a start on PostgreSQL that cannot go well', (db) => {
  const schema = db.freshSchema();
  const env = { LEDGER_STORE: 'postgres', LEDGER_POSTGRES_URL: db.url, LEDGER_POSTGRES_SCHEMA: schema, LEDGER_LOG_LEVEL: 'warn' };

  it('exits with 1, naming why, although it had opened its connections to the database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-refused-'));
    const first = await LedgerProcess.start(dir, env);
    try {
      // The same data directory: refused by its lock, after the shared state's pool was opened.
      const second = await LedgerProcess.run(dir, env);
      expect(second.code).toBe(1);
      expect(`${second.stdout}${second.stderr}`).toContain(`cannot start: the data directory ${dir} is in use by process ${first.pid}`);
    } finally {
      await first.kill('SIGTERM');
    }
  });
});
