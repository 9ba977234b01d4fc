import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROLES, type Role } from './roles';
import { ID_PATTERN } from '../ledger/domain/ids';

export interface ApiKeyHolder {
  readonly role: Role;
  /** A stable id for the key that reveals nothing of it: scopes idempotency keys. */
  readonly keyId: string;
  /** The schools this key serves ("Keys per school"); null: the whole board. */
  readonly schools: readonly string[] | null;
}

const digest = (key: string) => createHash('sha256').update(key).digest();

/** An entry is `key:role` or `key:role:schoolA|schoolB`; the first `:role` that fits ends the key. */
const ENTRY = new RegExp(`^(.+?):(${ROLES.join('|')})(?::(.*))?$`);
const SCHOOL_ID = ID_PATTERN;

const parse = (pairs: string): { key: string; role: Role; schools: string[] | null }[] =>
  pairs
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((entry) => {
      const m = ENTRY.exec(entry);
      if (!m) throw new Error(`LEDGER_API_KEYS holds an entry that is not key:role[:schools] with a role of ${ROLES.join(', ')}`);
      const [, key, role, list] = m;
      if (key.length < 16) throw new Error('LEDGER_API_KEYS holds a key shorter than 16 characters');
      const schools = list === undefined ? null : list.split('|');
      if (schools && !schools.every((s) => SCHOOL_ID.test(s)))
        throw new Error('LEDGER_API_KEYS names a school that is not a school id (schools are separated by |, e.g. key:registrar:s-1|s-2)');
      return { key, role: role as Role, schools };
    });

export const KEYS_FILE = 'api-keys.json';

/** Makes one key per role in the data directory, readable by its owner only. */
export const ensureKeyFile = (dataDir: string): { file: string; created: boolean } => {
  const file = join(dataDir, KEYS_FILE);
  if (existsSync(file)) return { file, created: false };
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const keys = Object.fromEntries(ROLES.map((role) => [role, randomBytes(24).toString('base64url')]));
  writeFileSync(file, JSON.stringify(keys, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  return { file, created: true };
};

export const readKeyFile = (file: string): string =>
  Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>)
    .map(([role, key]) => `${key}:${role}`)
    .join(',');

/** Looks a presented key up in constant time: every stored key is compared, digest against digest. */
export class ApiKeys {
  private readonly entries: { digest: Buffer; holder: ApiKeyHolder }[];

  /**
   * `pairs` as LEDGER_API_KEYS gives them; `source` names where they came from in a refusal. Throws
   * when they are malformed, empty, or when one key appears in two entries (one secret, two roles:
   * which role it acts in would depend on the order), naming the entries by number and role, never the key.
   */
  constructor(pairs: string, source = 'LEDGER_API_KEYS') {
    const parsed = parse(pairs);
    const seen = new Map<string, number>();
    const collisions: string[] = [];
    parsed.forEach(({ key, role }, i) => {
      const first = seen.get(key);
      if (first === undefined) seen.set(key, i);
      else collisions.push(`entry ${first + 1} (${parsed[first].role}) and entry ${i + 1} (${role})`);
    });
    if (collisions.length > 0)
      throw new Error(`${source} gives the same key more than once: ${collisions.join('; ')}. Each key must be unique: give every entry a secret of its own`);
    this.entries = parsed.map(({ key, role, schools }) => ({
      digest: digest(key),
      holder: { role, keyId: createHash('sha256').update(`key-id:${key}`).digest('hex').slice(0, 16), schools },
    }));
    if (this.entries.length === 0) throw new Error('no API keys configured');
  }

  /** The holder of the key with this id (a page's session names its key by id, never by the key). */
  byKeyId(keyId: string): ApiKeyHolder | undefined {
    return this.entries.find((e) => e.holder.keyId === keyId)?.holder;
  }

  find(presented: string): ApiKeyHolder | undefined {
    const d = digest(presented);
    let found: ApiKeyHolder | undefined;
    for (const e of this.entries) if (timingSafeEqual(d, e.digest)) found = e.holder;
    return found;
  }
}
