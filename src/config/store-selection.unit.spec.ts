import { LedgerConfig } from './ledger-config';
import { describeSelection, storeSelectionFromEnv, unusedStoreSettings } from './store-selection';

const PG = 'postgres://ledger:secret@db:5432/ledger';

describe('LEDGER_STORE', () => {
  it('is the embedded SQLite store when nothing is set, so npm start needs no server', () => {
    expect(LedgerConfig.fromEnv({}).store).toEqual({ kind: 'sqlite' });
    expect(storeSelectionFromEnv({ LEDGER_STORE: 'sqlite', LEDGER_POSTGRES_URL: PG })).toEqual({ kind: 'sqlite' });
  });

  it('selects PostgreSQL with its URL, and EventStoreDB with both URLs (the keys live in PostgreSQL)', () => {
    expect(storeSelectionFromEnv({ LEDGER_STORE: 'postgres', LEDGER_POSTGRES_URL: PG })).toEqual({ kind: 'postgres', postgresUrl: PG, schema: 'ledger' });
    expect(
      storeSelectionFromEnv({
        LEDGER_STORE: 'eventstoredb',
        LEDGER_EVENTSTOREDB_URL: 'esdb://es:2113?tls=false',
        LEDGER_POSTGRES_URL: PG,
        LEDGER_POSTGRES_SCHEMA: 'board_7',
      }),
    ).toEqual({
      kind: 'eventstoredb',
      eventStoreDbUrl: 'esdb://es:2113?tls=false',
      postgresUrl: PG,
      schema: 'board_7',
    });
  });

  it('refuses to start on a wrong or missing setting, naming the variable, never falling back to SQLite', () => {
    const refused: [NodeJS.ProcessEnv, RegExp][] = [
      [{ LEDGER_STORE: 'mysql' }, /^LEDGER_STORE must be one of sqlite, postgres, eventstoredb, not mysql/],
      [{ LEDGER_STORE: 'postgres' }, /^LEDGER_POSTGRES_URL must be set when LEDGER_STORE is postgres/],
      [{ LEDGER_STORE: 'postgres', LEDGER_POSTGRES_URL: 'db:5432' }, /^LEDGER_POSTGRES_URL must be a PostgreSQL connection string/],
      [{ LEDGER_STORE: 'postgres', LEDGER_POSTGRES_URL: PG, LEDGER_POSTGRES_SCHEMA: 'Drop Table' }, /^LEDGER_POSTGRES_SCHEMA must be/],
      [{ LEDGER_STORE: 'eventstoredb', LEDGER_POSTGRES_URL: PG }, /^LEDGER_EVENTSTOREDB_URL must be set/],
      [
        { LEDGER_STORE: 'eventstoredb', LEDGER_EVENTSTOREDB_URL: 'http://es:2113', LEDGER_POSTGRES_URL: PG },
        /^LEDGER_EVENTSTOREDB_URL must be an esdb:\/\/ connection string/,
      ],
      [{ LEDGER_STORE: 'eventstoredb', LEDGER_EVENTSTOREDB_URL: 'esdb://es:2113' }, /^LEDGER_POSTGRES_URL must be set when LEDGER_STORE is eventstoredb/],
    ];
    for (const [env, message] of refused) expect(() => LedgerConfig.fromEnv(env)).toThrow(message);
  });

  it('says where the log is without the password', () => {
    const line = describeSelection({ kind: 'postgres', postgresUrl: PG, schema: 'ledger' }, '/var/lib/ledger');
    expect(line).toContain('postgres://ledger@db:5432/ledger');
    expect(line).not.toContain('secret');
  });

  it('names a store URL given while LEDGER_STORE picks another store, so the start can say it is not used', () => {
    const env = { LEDGER_POSTGRES_URL: PG, LEDGER_EVENTSTOREDB_URL: 'esdb://es:2113?tls=false' };
    expect(unusedStoreSettings(env, storeSelectionFromEnv(env))).toEqual(['LEDGER_POSTGRES_URL', 'LEDGER_EVENTSTOREDB_URL']);
    const pg = { ...env, LEDGER_STORE: 'postgres' };
    expect(unusedStoreSettings(pg, storeSelectionFromEnv(pg))).toEqual(['LEDGER_EVENTSTOREDB_URL']);
    const es = { ...env, LEDGER_STORE: 'eventstoredb' };
    expect(unusedStoreSettings(es, storeSelectionFromEnv(es))).toEqual([]);
    expect(unusedStoreSettings({}, storeSelectionFromEnv({}))).toEqual([]);
  });
});
