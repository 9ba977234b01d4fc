/**
 * The tables every instance shares, in the ledger's schema beside the log's. None of them is
 * immutable: keys are destroyed, checkpoints move. `pupil_keys` keeps a key until its dossier is
 * destroyed; `destroyed_keys` remembers that it was, so a key is never made again for that pupil.
 */
export const SHARED_TABLES = (s: string): string => `
CREATE SCHEMA IF NOT EXISTS ${s};
CREATE TABLE IF NOT EXISTS ${s}.pupil_keys (pupil_id text PRIMARY KEY, key bytea NOT NULL);
CREATE TABLE IF NOT EXISTS ${s}.destroyed_keys (pupil_id text PRIMARY KEY, destroyed_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE IF NOT EXISTS ${s}.shred_intents (pupil_id text PRIMARY KEY, payload text NOT NULL);
CREATE TABLE IF NOT EXISTS ${s}.relay_checkpoints (topic text PRIMARY KEY, position text NOT NULL);
CREATE TABLE IF NOT EXISTS ${s}.relay_parked (topic text NOT NULL, event_id text NOT NULL, position text NOT NULL, stream text NOT NULL, revision integer NOT NULL, type text NOT NULL, reason text NOT NULL, PRIMARY KEY (topic, event_id));
CREATE TABLE IF NOT EXISTS ${s}.api_keys (role text PRIMARY KEY, key text NOT NULL);
CREATE TABLE IF NOT EXISTS ${s}.audit_signing_key (id integer PRIMARY KEY CHECK (id = 1), private_pem text NOT NULL, public_pem text NOT NULL);
CREATE TABLE IF NOT EXISTS ${s}.audit_checkpoints (
  seq bigserial PRIMARY KEY, position text NOT NULL, events bigint NOT NULL, streams bigint NOT NULL,
  root text NOT NULL, created_at text NOT NULL, signature text NOT NULL
);
`;
