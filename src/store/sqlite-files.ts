import Database from 'better-sqlite3';
import fs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { FileIdentity, StoreGuard } from './store-guard';
import { errorMessage, errorCode } from '../ledger/domain/errors';

const codeOf = errorCode;

/** Why a path cannot be written, in words: what SQLite's SQLITE_CANTOPEN never says. */
const whyNotWritable = (path: string): string | null => {
  try {
    fs.accessSync(path, fs.constants.W_OK);
    return null;
  } catch (e) {
    const code = codeOf(e);
    if (code === 'EROFS') return 'it is on a read-only file system';
    if (code === 'EACCES' || code === 'EPERM') return `this user (uid ${process.getuid?.() ?? '?'}) may not write it (permission denied)`;
    return (e as Error).message;
  }
};

/** The cause of a failed open, named: a missing or read-only directory, a file that is no database. */
export const explainOpenFailure = (file: string, error: unknown): string => {
  const code = codeOf(error);
  const dir = dirname(file);
  if (code === 'SQLITE_NOTADB') return 'the file is not a SQLite database (is this a ledger data directory?)';
  if (code === 'SQLITE_CORRUPT') return 'the database file is damaged';
  if (code.startsWith('SQLITE_BUSY')) return 'another process holds it locked';
  if (!fs.existsSync(dir)) return `its directory ${dir} does not exist`;
  if (!fs.statSync(dir).isDirectory()) return `${dir} is not a directory`;
  const dirProblem = whyNotWritable(dir);
  if (dirProblem) return `its directory ${dir} cannot be written: ${dirProblem}`;
  if (fs.existsSync(file)) {
    const fileProblem = whyNotWritable(file);
    if (fileProblem) return `the file cannot be written: ${fileProblem}`;
  }
  return `${code || 'error'}: ${(error as Error)?.message ?? String(error)}`;
};

/** A store file could not be opened; the message names the file and the cause. */
export class StoreOpenError extends Error {
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    super(`cannot open ${file}: ${explainOpenFailure(file, cause)}`, { cause });
    this.name = 'StoreOpenError';
  }
}

/**
 * Opens a SQLite file and runs its first statements (pragmas, schema); any failure comes out as a
 * StoreOpenError naming the file and the cause, and leaves nothing open.
 */
export const openDatabase = (file: string, options: Database.Options = {}, setup: (db: Database.Database) => void = () => undefined): Database.Database => {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, options);
    setup(db);
    return db;
  } catch (e) {
    if (db?.open) db.close();
    throw new StoreOpenError(file, e);
  }
};

const ALL_PAGES = 0x7fffffff;

export const fsyncFile = (path: string, flags = 'r'): void => {
  const fd = fs.openSync(path, flags);
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
};

/**
 * A consistent copy of what `db` sees, by SQLite's online backup, written whole under a temporary
 * name and then renamed into place, so a copy under its final name is always complete. The first
 * step only measures; the second copies every page in one step, under one read snapshot, so
 * writers elsewhere never make it start over. The copy is one self-contained file (rollback
 * journal mode, no -wal or -shm beside it; the ledger turns WAL on when it opens it). Answers the file written.
 */
export const copyDatabase = async (db: Database.Database, target: string, mode = 0o600): Promise<string> => {
  const part = `${target}.part`;
  fs.rmSync(part, { force: true });
  await db.backup(part, { progress: () => ALL_PAGES });
  const copy = new Database(part);
  copy.pragma('journal_mode = DELETE');
  copy.close();
  fs.chmodSync(part, mode);
  fsyncFile(part);
  fs.renameSync(part, target);
  fsyncFile(dirname(target));
  return target;
};

/**
 * Saves what a connection still sees of a file that was removed or replaced under it, beside it as
 * `<name>.rescued-<UTC time>`: the only copy of what it acknowledged since. Answers the file's name.
 */
export const rescueDatabase = async (db: Database.Database, file: string, mode = 0o600): Promise<string> => {
  fs.mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const name = `${basename(file)}.rescued-${new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '')}`;
  await copyDatabase(db, join(dirname(file), name), mode);
  return name;
};

/** Rescued copies waiting in a data directory: while one is there, the ledger does not start. */
export const rescuedFiles = (dir: string): string[] => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /\.rescued-\d{8}T\d{6}Z$/.test(f)) : []);

/**
 * Guards a connection's files (the main file first): when one is removed or replaced, what the
 * connection still sees is saved beside it, and said so; from then on nothing is written through it.
 */
export const guardFiles = (db: Database.Database, files: readonly string[], warn: (message: string) => void, mode = 0o600): StoreGuard => {
  const name = basename(files[0]);
  const guard = new StoreGuard(new FileIdentity(files), async (reason) => {
    warn(`${reason}: every command is refused until the ledger is started again`);
    try {
      const saved = await rescueDatabase(db, files[0], mode);
      warn(
        `what ${name} held as acknowledged was saved to ${join(dirname(files[0]), saved)}; put it in place of ${name} (removing ${name}-wal and ${name}-shm) before starting again`,
      );
      return saved;
    } catch (e) {
      warn(`${name} could not be saved: ${errorMessage(e)}`);
      return null;
    }
  });
  guard.startWatching();
  return guard;
};
