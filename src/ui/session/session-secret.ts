import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LedgerConfig } from '../../config/ledger-config';

export const SESSION_SECRET_FILE = 'session-secret';

/** Injection token of the secret that signs the pages' session cookies. */
export const SESSION_SECRET = Symbol('SessionSecret');

/**
 * The secret that signs the pages' session cookies: LEDGER_SESSION_SECRET, or one the ledger made in
 * its data directory on first start (owner-only), so a restart keeps everyone signed in. Instances
 * serving one board share it through the configuration (DESIGN: sessions are stateless, so any
 * instance serves them). Losing it signs everyone out, nothing more.
 */
export const sessionSecret = (config: LedgerConfig): string => {
  if (config.sessionSecret) return config.sessionSecret;
  const file = join(config.dataDir, SESSION_SECRET_FILE);
  try {
    writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as { code?: string }).code !== 'EEXIST') throw e;
  }
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < 32) throw new Error(`${file} holds no session secret of at least 32 characters: remove it, and the ledger makes a new one`);
  return secret;
};
