import type { Pool } from 'pg';

/**
 * Advisory lock classes (the first key of `pg_advisory_xact_lock(int, int)`; the second is the
 * schema's hash), so the ledger's locks never meet another application's single-key locks.
 */
export const APPEND_LOCK = 0x1ed9e401;
const MIGRATE_LOCK = 0x1ed9e402;

/** A schema name the ledger accepts: lower case, digits and underscores, as PostgreSQL folds them. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The schema, checked and quoted once: every statement names its tables through it. */
export const schemaIdentifier = (schema: string): string => {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`schema name ${JSON.stringify(schema)} is not of the form ${SCHEMA_NAME.source}`);
  return `"${schema}"`;
};

/** The channel a commit announces new events on: one per schema, so two ledgers in one database do not wake each other. */
export const channelOf = (schema: string): string => `ledger_events_${schema}`;

/**
 * The same tables as the embedded store. JSON is kept as text, never `jsonb`: the hash chain covers
 * the bytes as stored, and `jsonb` would reorder keys and drop whitespace. Positions are given out
 * under the append lock (no sequence), so they have no gaps.
 */
const tables = (s: string) => `
CREATE SCHEMA IF NOT EXISTS ${s};
CREATE TABLE IF NOT EXISTS ${s}.events (
  position     bigint  PRIMARY KEY,
  event_id     text    NOT NULL UNIQUE,
  stream       text    NOT NULL,
  revision     integer NOT NULL,
  type         text    NOT NULL,
  occurred_at  text    NOT NULL,
  recorded_at  text    NOT NULL,
  metadata     text    NOT NULL,
  data         text    NOT NULL,
  prev_hash    text    NOT NULL,
  hash         text    NOT NULL,
  UNIQUE (stream, revision)
);
CREATE TABLE IF NOT EXISTS ${s}.idempotency (
  scope        text    NOT NULL,
  key          text    NOT NULL,
  request_hash text    NOT NULL,
  response     text    NOT NULL,
  PRIMARY KEY (scope, key)
);
-- Logs made while the answer still kept an HTTP status: the column goes, the answers stay.
ALTER TABLE ${s}.idempotency DROP COLUMN IF EXISTS status;
CREATE OR REPLACE FUNCTION ${s}.events_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'events are immutable' USING ERRCODE = 'restrict_violation';
END $$;
CREATE OR REPLACE TRIGGER events_no_update_or_delete BEFORE UPDATE OR DELETE ON ${s}.events
  FOR EACH ROW EXECUTE FUNCTION ${s}.events_are_immutable();
CREATE OR REPLACE TRIGGER events_no_truncate BEFORE TRUNCATE ON ${s}.events
  FOR EACH STATEMENT EXECUTE FUNCTION ${s}.events_are_immutable();
`;

/**
 * Makes the schema when it is missing. Several instances may start at once: the DDL runs in one
 * transaction under an advisory lock, as two concurrent `CREATE TABLE IF NOT EXISTS` can collide.
 */
export const migrate = async (pool: Pool, schema: string): Promise<void> => {
  const s = schemaIdentifier(schema);
  const client = await pool.connect();
  const broke = () => undefined;
  client.on('error', broke);
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [MIGRATE_LOCK, schema]);
    await client.query(tables(s));
    await client.query('COMMIT');
    client.release();
  } catch (e) {
    client.release(true);
    throw e;
  } finally {
    client.off('error', broke);
  }
};
