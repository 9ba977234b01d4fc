import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DocStore } from '../src/read-models/doc-store';
import { LedgerProcess } from './support/ledger-process';
import { bindReadOnly, describeAsRoot, unmount } from './support/root';

/** A start that cannot go well ends at once, with exit code 1 and a line that names the file and the cause. */
const failedStart = async (dataDir: string) => {
  const exit = await LedgerProcess.run(dataDir);
  expect(exit.code).toBe(1);
  return `${exit.stdout}${exit.stderr}`;
};

jest.setTimeout(60_000);

describe('the ledger process does not start on a data directory that cannot serve', () => {
  it('names a data directory that cannot be made, and why', async () => {
    const base = mkdtempSync(join(tmpdir(), 'ledger-start-'));
    writeFileSync(join(base, 'a-file'), 'x');
    const dir = join(base, 'a-file', 'data');
    expect(await failedStart(dir)).toContain(`cannot start: cannot make the data directory ${dir}: ${join(base, 'a-file')} is a file, not a directory`);
  });

  it('refuses one API key given to two roles, naming the entries and never the key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-start-'));
    const secret = 'one-secret-for-two-roles-0123';
    const exit = await LedgerProcess.run(dir, { LEDGER_API_KEYS: `${secret}:registrar,another-key-0123456789:board,${secret}:works-council` });
    expect(exit.code).toBe(1);
    const said = `${exit.stdout}${exit.stderr}`;
    expect(said).toContain('cannot start: LEDGER_API_KEYS gives the same key more than once: entry 1 (registrar) and entry 3 (works-council)');
    expect(said).not.toContain(secret);
    const file = join(dir, 'api-keys.json');
    writeFileSync(file, JSON.stringify({ registrar: secret, auditor: secret }));
    const fromFile = await LedgerProcess.run(dir, { LEDGER_API_KEYS: '' });
    expect(`${fromFile.stdout}${fromFile.stderr}`).toContain(
      `cannot start: ${file} gives the same key more than once: entry 1 (registrar) and entry 2 (auditor)`,
    );
  });

  it('names a store file that is not a database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-start-'));
    writeFileSync(join(dir, 'events.db'), 'minutes of the works council, not a ledger\n'.repeat(100));
    writeFileSync(join(dir, 'keys.db'), '');
    expect(await failedStart(dir)).toContain(`cannot open ${join(dir, 'events.db')}: the file is not a SQLite database`);
  });
});

describeAsRoot('the ledger process on a read-only data directory (root: a bind mount)', () => {
  it('names the directory and the cause', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'ledger-start-')), 'data');
    mkdirSync(dir);
    await bindReadOnly(dir);
    try {
      expect(await failedStart(dir)).toContain(`cannot start: the data directory ${dir} cannot be written: it is on a read-only file system`);
    } finally {
      unmount(dir);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names a read-models.db it cannot write (immutable), rather than SQLite\'s bare "readonly database"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-start-'));
    const file = join(dir, 'read-models.db');
    await new DocStore(file).close();
    execFileSync('chattr', ['+i', file]);
    try {
      expect(await failedStart(dir)).toContain(`cannot open ${file}:`);
    } finally {
      execFileSync('chattr', ['-i', file]);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
