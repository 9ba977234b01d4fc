import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KEYS_FILE } from '../../../auth/api-keys';
import { ROLES } from '../../../auth/roles';
import { SharedState } from './shared-state';

/** Advisory lock class of the first start's key making, so two instances starting at once make one set. */
const API_KEYS_LOCK = 0x1ed9e413;

/**
 * The API keys every instance accepts when `LEDGER_API_KEYS` is not set: one per role, made by the
 * first instance that starts on the database, read by every later one. Answers them as
 * `role → key` (the shape of api-keys.json, which each instance also writes to its data directory
 * for its operator).
 */
export const sharedApiKeys = (state: SharedState): Promise<{ keys: Record<string, string>; created: boolean }> =>
  state.transaction(async (c) => {
    await c.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [API_KEYS_LOCK, state.schema]);
    const { rows } = await c.query<{ role: string; key: string }>(`SELECT role, key FROM ${state.s}.api_keys ORDER BY role`);
    if (rows.length > 0) return { keys: Object.fromEntries(rows.map((r) => [r.role, r.key])), created: false };
    const keys = Object.fromEntries(ROLES.map((role) => [role, randomBytes(24).toString('base64url')]));
    for (const [role, key] of Object.entries(keys)) await c.query(`INSERT INTO ${state.s}.api_keys (role, key) VALUES ($1, $2)`, [role, key]);
    return { keys, created: true };
  });

/**
 * At start, without `LEDGER_API_KEYS`, on a shared store: the shared keys (made on the first start),
 * and a copy in this instance's data directory (api-keys.json, owner only) for its operator, as the
 * embedded ledger keeps them. Answers the file and whether the keys were made now.
 */
export const ensureSharedKeyFile = async (connectionString: string, schema: string, dataDir: string): Promise<{ file: string; created: boolean }> => {
  const state = await SharedState.open({ connectionString, schema, probeMs: 0 });
  try {
    const { keys, created } = await sharedApiKeys(state);
    const file = join(dataDir, KEYS_FILE);
    const text = JSON.stringify(keys, null, 2) + '\n';
    if (!existsSync(file) || readFileSync(file, 'utf8') !== text) {
      writeFileSync(file, text, { mode: 0o600 });
      chmodSync(file, 0o600);
    }
    return { file, created };
  } finally {
    await state.close();
  }
};
