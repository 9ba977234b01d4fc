import type Database from 'better-sqlite3';
import { existsSync, rmSync, statSync } from 'node:fs';
import { openDatabase } from './sqlite-files';

/**
 * A store file opened to read only — an auditor's copy, a backup — that leaves the copy as it
 * found it. SQLite makes `-wal` and `-shm` beside a WAL-mode file even for a reader; those this
 * open made are removed again at close, once the WAL is empty (a reader never writes one). Files
 * that were there before (a live ledger's) are never touched.
 */
export class ReadOnlyDatabase {
  readonly db: Database.Database;
  private readonly made: string[];

  constructor(readonly file: string) {
    const beside = [`${file}-wal`, `${file}-shm`];
    const before = beside.filter((f) => existsSync(f));
    this.db = openDatabase(file, { readonly: true, fileMustExist: true });
    this.made = before.length === 0 ? beside : [];
  }

  close(): void {
    if (this.db.open) this.db.close();
    const wal = `${this.file}-wal`;
    if (this.made.length > 0 && (!existsSync(wal) || statSync(wal).size === 0)) for (const f of this.made) rmSync(f, { force: true });
  }
}
