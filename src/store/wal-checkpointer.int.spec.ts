import Database from 'better-sqlite3';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WalCheckpointer } from './wal-checkpointer';

const walBytes = (file: string) => statSync(`${file}-wal`).size;

describe('WAL checkpoints on a thread of their own', () => {
  it('bring a growing WAL back to empty while a writer never stops writing', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ledger-wal-')), 'any.db');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    // As every store of the ledger: the thread's TRUNCATE holds this writer off for a moment.
    db.pragma('busy_timeout = 5000');
    db.exec('CREATE TABLE t (v TEXT)');
    const problems: string[] = [];
    const checkpointer = new WalCheckpointer(db, (m) => problems.push(m), { truncateAbove: 256 * 1024, lookMs: 20 });
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    let largest = 0;
    let truncated = false;
    // A writer that never pauses: a passive checkpoint alone would never let this WAL start again.
    for (let i = 0; i < 20_000 && !truncated; i++) {
      insert.run('x'.repeat(1000));
      const size = walBytes(file);
      truncated = largest > 256 * 1024 && size < largest / 2;
      largest = Math.max(largest, size);
      if (i % 50 === 0) await new Promise((r) => setImmediate(r));
    }
    expect(largest).toBeGreaterThan(256 * 1024);
    expect(truncated).toBe(true);
    expect(problems).toEqual([]);
    // The writer's connection never checkpoints by itself: that is the thread's work.
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    await checkpointer.close();
    expect(db.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: expect.any(Number) });
    db.close();
  });
});
