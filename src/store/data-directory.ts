import fs from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { openDatabase, rescuedFiles } from './sqlite-files';
import { errorCode } from '../ledger/domain/errors';

/** Why the ledger does not start on a data directory; the message names the directory or file and the cause. */
export class DataDirectoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataDirectoryError';
  }
}

const codeOf = errorCode;

/** Files that only a ledger that ran here leaves behind: without events.db beside them, its log was removed. */
const TRACES = ['keys.db', 'audit-signing-key.pem', 'events.db-wal', 'audit-checkpoint.json'];

/** The deepest part of `path` that exists, and why nothing can be made in it. */
const whyCannotMake = (path: string, error: unknown): string => {
  let existing = dirname(path);
  while (!fs.existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  if (!fs.statSync(existing).isDirectory()) return `${existing} is a file, not a directory`;
  try {
    fs.accessSync(existing, fs.constants.W_OK);
  } catch (e) {
    if (codeOf(e) === 'EROFS') return `${existing} is on a read-only file system`;
    if (['EACCES', 'EPERM'].includes(codeOf(e))) return `this user (uid ${process.getuid?.() ?? '?'}) may not create anything in ${existing}`;
  }
  return (error as Error).message;
};

/**
 * The ledger's data directory, checked before anything in it is opened or written, so that a
 * start that cannot go well stops at once and says why: the directory cannot be made or written,
 * a rescued copy of a removed store waits to be put back, or the log is gone while the rest of the
 * ledger is still there (an empty log would start in its place and verify "ok").
 */
export class DataDirectory {
  private constructor(readonly path: string) {}

  /** Makes the directory if needed (owner only) and checks it. Throws DataDirectoryError. */
  static open(path: string): DataDirectory {
    const dir = resolve(path);
    try {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    } catch (e) {
      throw new DataDirectoryError(`cannot make the data directory ${dir}: ${whyCannotMake(dir, e)}`);
    }
    if (!fs.statSync(dir).isDirectory()) throw new DataDirectoryError(`the data directory ${dir} is a file, not a directory`);
    try {
      fs.accessSync(dir, fs.constants.W_OK);
    } catch (e) {
      const why = codeOf(e) === 'EROFS' ? 'it is on a read-only file system' : `this user (uid ${process.getuid?.() ?? '?'}) may not write it`;
      throw new DataDirectoryError(`the data directory ${dir} cannot be written: ${why}`);
    }
    const rescued = rescuedFiles(dir);
    if (rescued.length > 0)
      throw new DataDirectoryError(
        `${join(dir, rescued[0])} holds what the ledger had acknowledged when ${rescued[0].replace(/\.rescued-.*/, '')} was removed or replaced ` +
          `under it: the file there now is not the one it wrote. Put the rescued copy in place of it (removing its -wal and -shm files), ` +
          `or move the copy out of the data directory once it is no longer needed; then start again.`,
      );
    const events = join(dir, 'events.db');
    if (!fs.existsSync(events)) {
      const traces = TRACES.filter((f) => fs.existsSync(join(dir, f)));
      if (traces.length > 0)
        throw new DataDirectoryError(
          `${events} is missing, but ${traces.join(', ')} of a ledger that ran here ${traces.length > 1 ? 'are' : 'is'} still there: ` +
            `its log was removed. Restore it (ledger restore --from <backup> --destroyed <file>), or start an empty ledger in an empty directory.`,
        );
    } else if (!fs.existsSync(join(dir, 'keys.db')) && holdsEvents(events)) {
      throw new DataDirectoryError(
        `${join(dir, 'keys.db')} is missing while ${events} holds events: every pupil's personal data would be unreadable. ` +
          `Restore keys.db with the log it belongs to (ledger restore), or start an empty ledger in an empty directory.`,
      );
    }
    return new DataDirectory(dir);
  }

  file(name: string): string {
    return join(this.path, name);
  }
}

/** Read inside the open, so that a file that is no database is named as such. */
const holdsEvents = (file: string): boolean => {
  let holds = false;
  openDatabase(file, { readonly: true, fileMustExist: true }, (db) => {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'").get();
    holds = table !== undefined && db.prepare('SELECT 1 FROM events LIMIT 1').get() !== undefined;
  }).close();
  return holds;
};
