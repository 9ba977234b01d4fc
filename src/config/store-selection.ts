/**
 * Which event store the ledger runs on (DESIGN, "Beyond contract v1: Stores"), read once at start.
 *
 * - `sqlite` (default): embedded, in `LEDGER_DATA_DIR`; one instance; no server needed.
 * - `postgres`: the log and everything shared by all instances in `LEDGER_POSTGRES_URL`.
 * - `eventstoredb`: the log in `LEDGER_EVENTSTOREDB_URL` (an `esdb://` or `kurrentdb://`
 *   connection string); what instances share in `LEDGER_POSTGRES_URL`, which is then required too.
 */
export type StoreSelection =
  | { readonly kind: 'sqlite' }
  | { readonly kind: 'postgres'; readonly postgresUrl: string; readonly schema: string }
  | { readonly kind: 'eventstoredb'; readonly eventStoreDbUrl: string; readonly postgresUrl: string; readonly schema: string };

export const STORE_KINDS = ['sqlite', 'postgres', 'eventstoredb'] as const;

const POSTGRES_SCHEMES = ['postgres:', 'postgresql:'];
const ESDB_SCHEMES = ['esdb:', 'esdb+discover:', 'kurrentdb:', 'kurrentdb+discover:', 'kurrent:', 'kurrent+discover:'];
/** As the PostgreSQL store accepts it (postgres-schema.ts): the ledger's tables live in it. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The scheme of a connection string, or null when it is not one. */
const schemeOf = (url: string): string | null => {
  try {
    return new URL(url).protocol;
  } catch {
    return null;
  }
};

const postgresUrl = (env: NodeJS.ProcessEnv, why: string): string => {
  const url = env.LEDGER_POSTGRES_URL?.trim();
  if (!url) throw new Error(`LEDGER_POSTGRES_URL must be set ${why} (postgres://user@host:5432/database)`);
  if (!POSTGRES_SCHEMES.includes(schemeOf(url) ?? ''))
    throw new Error('LEDGER_POSTGRES_URL must be a PostgreSQL connection string (postgres://user@host:5432/database)');
  return url;
};

/**
 * @throws Error naming the variable (LEDGER_STORE, LEDGER_POSTGRES_URL, LEDGER_EVENTSTOREDB_URL,
 * LEDGER_POSTGRES_SCHEMA) and what is wrong with it; a wrong setting never falls back to SQLite.
 */
export const storeSelectionFromEnv = (env: NodeJS.ProcessEnv): StoreSelection => {
  const kind = env.LEDGER_STORE?.trim() || 'sqlite';
  if (!(STORE_KINDS as readonly string[]).includes(kind)) throw new Error(`LEDGER_STORE must be one of ${STORE_KINDS.join(', ')}, not ${env.LEDGER_STORE}`);
  if (kind === 'sqlite') return { kind: 'sqlite' };
  const schema = env.LEDGER_POSTGRES_SCHEMA?.trim() || 'ledger';
  if (!SCHEMA_NAME.test(schema))
    throw new Error(`LEDGER_POSTGRES_SCHEMA must be lower case letters, digits and underscores, not ${env.LEDGER_POSTGRES_SCHEMA}`);
  if (kind === 'postgres') return { kind: 'postgres', postgresUrl: postgresUrl(env, 'when LEDGER_STORE is postgres'), schema };
  const esdb = env.LEDGER_EVENTSTOREDB_URL?.trim();
  if (!esdb) throw new Error('LEDGER_EVENTSTOREDB_URL must be set when LEDGER_STORE is eventstoredb (esdb://host:2113?tls=false)');
  if (!ESDB_SCHEMES.includes(schemeOf(esdb) ?? ''))
    throw new Error('LEDGER_EVENTSTOREDB_URL must be an esdb:// connection string (esdb://host:2113?tls=false)');
  return {
    kind: 'eventstoredb',
    eventStoreDbUrl: esdb,
    postgresUrl: postgresUrl(env, 'when LEDGER_STORE is eventstoredb: the pupils’ keys and what instances share live there'),
    schema,
  };
};

/**
 * Store settings the selection leaves unused: a store's URL given while LEDGER_STORE picks another
 * (most often LEDGER_STORE forgotten), so the start can say so rather than run on another store unseen.
 */
export const unusedStoreSettings = (env: NodeJS.ProcessEnv, s: StoreSelection): string[] => [
  ...(s.kind === 'sqlite' && env.LEDGER_POSTGRES_URL?.trim() ? ['LEDGER_POSTGRES_URL'] : []),
  ...(s.kind !== 'eventstoredb' && env.LEDGER_EVENTSTOREDB_URL?.trim() ? ['LEDGER_EVENTSTOREDB_URL'] : []),
];

/** A connection string without its password, for messages. */
export const describeUrl = (url: string): string => {
  try {
    const u = new URL(url);
    u.password = '';
    return u.toString();
  } catch {
    return 'an unreadable connection string';
  }
};

/** For start-up lines and logs: where the log is, without a password. */
export const describeSelection = (s: StoreSelection, dataDir: string): string => {
  if (s.kind === 'sqlite') return `data in ${dataDir}`;
  if (s.kind === 'postgres') return `log in PostgreSQL ${describeUrl(s.postgresUrl)} (schema ${s.schema}); read models in ${dataDir}`;
  return `log in EventStoreDB ${describeUrl(s.eventStoreDbUrl)}; keys in PostgreSQL ${describeUrl(s.postgresUrl)} (schema ${s.schema}); read models in ${dataDir}`;
};
