import { Client } from 'pg';
import { describePostgres } from '../../src/store/postgres/testing/postgres-test-database';
import { enrolBody } from '../support/ledger-app';
import { Instance } from './instances';

jest.setTimeout(120_000);

describePostgres('an instance on PostgreSQL that stops', (db) => {
  const schema = db.freshSchema();
  const count = async (sql: string): Promise<number> => {
    const c = new Client({ connectionString: db.url });
    await c.connect();
    try {
      return Number((await c.query<{ n: string }>(sql)).rows[0]?.n ?? 0);
    } finally {
      await c.end();
    }
  };

  it('seals the log at shutdown, as the embedded ledger does', async () => {
    const a = await Instance.start('seal', db.url, schema);
    expect((await a.post('registrar', '/pupils', enrolBody('p-seal'))).status).toBe(201);
    await a.stop('SIGTERM');
    const events = await count(`SELECT count(*) AS n FROM ${schema}.events`);
    expect(events).toBeGreaterThan(0);
    expect(await count(`SELECT events AS n FROM ${schema}.audit_checkpoints ORDER BY seq DESC LIMIT 1`)).toBe(events);
  });
});
