import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiKeys, ensureKeyFile, readKeyFile } from './api-keys';
import { ROLES } from './roles';

describe('API keys', () => {
  it('maps each configured key to its role, and nothing else to anything', () => {
    const keys = new ApiKeys('registrar-key-0123456789:registrar, auditor-key-0123456789:auditor');
    expect(keys.find('registrar-key-0123456789')?.role).toBe('registrar');
    expect(keys.find('auditor-key-0123456789')?.role).toBe('auditor');
    expect(keys.find('auditor-key-012345678')).toBeUndefined();
    expect(keys.find('')).toBeUndefined();
  });

  it('reads the schools a key serves, and none for a key of the whole board', () => {
    const keys = new ApiKeys('scoped-key-0123456789:registrar:s-1|s:2, board-key-0123456789:board');
    expect(keys.find('scoped-key-0123456789')).toMatchObject({ role: 'registrar', schools: ['s-1', 's:2'] });
    expect(keys.find('board-key-0123456789')).toMatchObject({ role: 'board', schools: null });
  });

  it('refuses a malformed LEDGER_API_KEYS at start rather than running open', () => {
    expect(() => new ApiKeys('k-0123456789abcdef:registrar:')).toThrow(/school/);
    expect(() => new ApiKeys('k-0123456789abcdef:registrar:s-1||s-2')).toThrow(/school/);
    expect(() => new ApiKeys('k-0123456789abcdef:registrar:de regenboog')).toThrow(/school/);
    expect(() => new ApiKeys('')).toThrow(/no API keys/);
    expect(() => new ApiKeys('k-0123456789abcdef:janitor')).toThrow(/role/);
    expect(() => new ApiKeys('short:registrar')).toThrow(/16/);
  });

  it('refuses one key given twice, naming the entries and their roles but never the key', () => {
    const secret = 'same-secret-0123456789';
    const refusal = () => new ApiKeys(`other-key-0123456789:board, ${secret}:registrar, ${secret}:auditor:s-1, ${secret}:registrar`);
    expect(refusal).toThrow(
      'LEDGER_API_KEYS gives the same key more than once: entry 2 (registrar) and entry 3 (auditor); entry 2 (registrar) and entry 4 (registrar).',
    );
    expect(() => refusal()).not.toThrow(secret);
    expect(() => new ApiKeys(`${secret}:registrar,${secret}:board`, '/data/api-keys.json')).toThrow(
      '/data/api-keys.json gives the same key more than once: entry 1 (registrar) and entry 2 (board)',
    );
  });

  it('scopes by a key id that does not reveal the key', () => {
    const keys = new ApiKeys('registrar-key-0123456789:registrar');
    expect(keys.find('registrar-key-0123456789')?.keyId).not.toContain('registrar-key');
  });

  it('makes one key per role on first start, readable by its owner only, and keeps them after', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'ledger-keys-')), 'data');
    const made = ensureKeyFile(dir);
    expect(made.created).toBe(true);
    expect(statSync(made.file).mode & 0o777).toBe(0o600);
    const keys = new ApiKeys(readKeyFile(made.file));
    const stored = JSON.parse(readFileSync(made.file, 'utf8')) as Record<string, string>;
    expect(Object.keys(stored).sort()).toEqual([...ROLES].sort());
    for (const role of ROLES) expect(keys.find(stored[role])?.role).toBe(role);
    expect(ensureKeyFile(dir)).toEqual({ file: made.file, created: false });
    expect(readFileSync(made.file, 'utf8')).toBe(JSON.stringify(stored, null, 2) + '\n');
  });
});
