import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLedger } from './support/ledger-app';
import { runLedger } from './support/ledger-cli';
import { LedgerProcess } from './support/ledger-process';

jest.setTimeout(60_000);

describe('one writing process per data directory', () => {
  it('a second ledger on a directory in use refuses to start, naming the directory and the process; after kill -9 the next one starts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-lock-'));
    const first = await LedgerProcess.start(dir);
    try {
      const second = await LedgerProcess.run(dir);
      expect(second.code).toBe(1);
      expect(`${second.stdout}${second.stderr}`).toContain(`cannot start: the data directory ${dir} is in use by process ${first.pid} (`);
      // Said as the ledger's JSON lines only, once: no coloured text or stack of Nest's own.
      const lines = second.stdout.trim().split('\n');
      expect(lines.filter((l) => !l.startsWith('{"level":'))).toEqual([]);
      expect(lines.filter((l) => l.includes('is in use by process'))).toHaveLength(1);
      expect((await first.get('director', '/audit/verify')).status).toBe(200);
    } finally {
      await first.kill('SIGKILL');
    }
    expect(existsSync(join(dir, 'ledger.lock'))).toBe(true);
    const next = await LedgerProcess.start(dir);
    try {
      expect(
        (
          await next.post('registrar', '/pupils', {
            pupilId: 'p-1',
            schoolId: 's-1',
            enrolledOn: '2025-08-25',
            guardians: [{ guardianId: 'g-1', relation: 'parent' }],
          })
        ).status,
      ).toBe(201);
    } finally {
      await next.kill('SIGTERM');
    }
  });

  it('writing commands are refused beside a running ledger; reading ones run', async () => {
    const ledger = await startLedger();
    try {
      await expect(runLedger('--data-dir', ledger.dataDir, 'checkpoint')).rejects.toThrow(
        `the data directory ${ledger.dataDir} is in use by process ${process.pid}`,
      );
      expect((await runLedger('--data-dir', ledger.dataDir, 'verify')).code).toBe(0);
      const backup = await runLedger('--data-dir', ledger.dataDir, 'backup', '--out', join(mkdtempSync(join(tmpdir(), 'ledger-lock-backup-')), 'b'));
      expect(backup.code).toBe(0);
    } finally {
      await ledger.close();
    }
    // Closed, the directory is free again: a writing command runs.
    expect((await runLedger('--data-dir', ledger.dataDir, 'checkpoint')).code).toBe(0);
  });
});
