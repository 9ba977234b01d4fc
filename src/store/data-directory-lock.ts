import Database from 'better-sqlite3';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { DataDirectory } from './data-directory';
import { isBusy } from './sqlite-busy';
import { errorCode } from '../ledger/domain/errors';

/** The file in a data directory whose lock says which process writes there. */
export const LOCK_FILE = 'ledger.lock';

/** A second writer on a data directory: the message names the directory and the process holding it. */
export class DataDirectoryInUse extends Error {
  constructor(
    readonly dir: string,
    readonly holderPid: number | null,
  ) {
    const holder = holderPid ? `process ${holderPid}${commandOf(holderPid)}` : 'another process';
    super(
      `the data directory ${dir} is in use by ${holder}: only one ledger process at a time may write it ` +
        `(two would corrupt each other's read models and keys). Stop that one first, or use another data directory; ` +
        `read-only commands (verify, export, replay, backup, destructions) may run beside it.`,
    );
    this.name = 'DataDirectoryInUse';
  }
}

/** The holder's command line where the system shows it (Linux), for a message a person can act on. */
const commandOf = (pid: number): string => {
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0').filter(Boolean).join(' ');
    return cmd ? ` (${cmd.length > 120 ? `${cmd.slice(0, 117)}...` : cmd})` : '';
  } catch {
    return '';
  }
};

/** The holder's process id from the lock file's header (SQLite's user_version, bytes 60–63, big-endian), read without taking the lock. */
const holderOf = (file: string): number | null => {
  try {
    const fd = openSync(file, 'r');
    try {
      const header = Buffer.alloc(4);
      return readSync(fd, header, 0, 4, 60) === 4 ? header.readUInt32BE(0) || null : null;
    } finally {
      closeSync(fd);
    }
  } catch {
    return null;
  }
};

/**
 * One writing process per data directory. The lock is SQLite's exclusive lock on `ledger.lock` (an
 * OS record lock, held by this process until it closes the file): the kernel drops it when the
 * process ends however it ends, kill -9 included, so a lock is never stale and never blocks the next
 * start. It also holds within one process: a second open of the same directory there is refused too.
 * The holder's process id is written into the file's header, to name it to whoever is refused.
 */
export class DataDirectoryLock {
  private constructor(
    readonly directory: DataDirectory,
    private readonly db: Database.Database,
  ) {}

  /** Takes the lock on an opened data directory at once, or throws DataDirectoryInUse. */
  static acquire(directory: DataDirectory): DataDirectoryLock {
    const path = directory.path;
    const file = join(path, LOCK_FILE);
    const db = new Database(file, { timeout: 0 });
    try {
      db.pragma('locking_mode = EXCLUSIVE');
      // A write takes the exclusive lock; in this locking mode it is kept after the commit, until close.
      db.pragma(`user_version = ${process.pid}`);
    } catch (e) {
      db.close();
      if (isBusy(e) || errorCode(e).startsWith('SQLITE_LOCKED')) throw new DataDirectoryInUse(path, holderOf(file));
      throw e;
    }
    return new DataDirectoryLock(directory, db);
  }

  release(): void {
    if (this.db.open) this.db.close();
  }
}
