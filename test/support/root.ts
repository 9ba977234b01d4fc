import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

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

/** `dir` over itself, read-only. Files opened before stay writable through their descriptors: only the path tells. */
export const bindReadOnly = (dir: string): void => {
  run('mount', '--bind', dir, dir);
  run('mount', '-o', 'remount,bind,ro', dir);
};

export const unmount = (dir: string): void => {
  run('umount', dir);
};
