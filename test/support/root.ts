import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

const isRoot = process.getuid?.() === 0;

/**
 * Tests that mount file systems (a small tmpfs, a read-only bind mount) need root, as CI has.
 * Without root they are skipped with a loud warning, except under CI=true: there they run, and
 * fail if they cannot.
 */
export const describeAsRoot = (name: string, body: () => void): void => {
  if (isRoot || process.env.CI === 'true') return describe(name, body);
  process.stderr.write(`\n*** SKIPPED "${name}": these fault tests mount file systems and need root (CI runs them as root) ***\n\n`);
  describe.skip(name, body);
};

const run = (...args: string[]) => execFileSync(args[0], args.slice(1), { stdio: 'pipe' });

/** A tmpfs of `bytes` at `dir`: a disk that fills up. */
export const mountTmpfs = (dir: string, bytes: number): void => {
  mkdirSync(dir, { recursive: true });
  run('mount', '-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir);
};

/**
 * `dir` over itself, read-only. Files opened before stay writable through their descriptors: only
 * the path tells. A file opened for writing through the new mount makes the remount busy (a thread
 * that had not opened its connection yet): then it is tried again, a moment later.
 */
export const bindReadOnly = async (dir: string): Promise<void> => {
  for (let attempt = 1; ; attempt++) {
    run('mount', '--bind', dir, dir);
    try {
      run('mount', '-o', 'remount,bind,ro', dir);
      return;
    } catch (e) {
      run('umount', dir);
      if (attempt >= 50) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
};

export const unmount = (dir: string): void => {
  run('umount', dir);
};

/** How many descriptors this process holds on `file` (Linux: /proc/self/fd). */
const descriptorsOn = (file: string): number =>
  readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(join('/proc/self/fd', fd)) === file;
    } catch {
      return false;
    }
  }).length;

/**
 * Waits until a just-started ledger in `dir` has opened every connection it keeps: the WAL
 * checkpoint threads open theirs a moment after the start. A mount laid over the directory before
 * that would be the one they open through.
 */
export const connectionsOpened = async (dir: string): Promise<void> => {
  // events.db: the writer (the audit log reads and seals through it) and the checkpoint thread; read-models.db: the writer and its thread.
  while (descriptorsOn(join(dir, 'events.db')) < 2 || descriptorsOn(join(dir, 'read-models.db')) < 2) await new Promise((r) => setTimeout(r, 20));
};
