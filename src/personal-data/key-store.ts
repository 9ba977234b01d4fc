import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { chmodSync } from 'node:fs';
import type { StoreCondition } from '../core/ports/event-store.port';
import { guardFiles, openDatabase } from '../store/sqlite-files';
import type { StoreGuard } from '../store/store-guard';

export interface ShredIntent {
  readonly pupilId: string;
  /** The command as decided, replayed on recovery so the proof event is the one that was decided. */
  readonly payload: string;
}

/**
 * One key per pupil, in its own file apart from the events. Deleting a key overwrites it
 * (secure_delete) and truncates the WAL, so the key's bytes leave the disk with it. Every write
 * first checks that keys.db is still the file at its path (a key written into a removed file is
 * lost with the process; a key destroyed in a replaced one comes back with the file).
 */
export class KeyStore {
  private readonly db: Database.Database;
  private readonly stmt;
  private readonly guard: StoreGuard;

  constructor(file: string, options: { readonly warn?: (message: string) => void } = {}) {
    this.db = openDatabase(file, {}, (db) => {
      chmodSync(file, 0o600);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('secure_delete = ON');
      db.pragma('busy_timeout = 5000');
      db.exec(`
        CREATE TABLE IF NOT EXISTS pupil_keys (pupil_id TEXT PRIMARY KEY, key BLOB NOT NULL);
        CREATE TABLE IF NOT EXISTS destroyed_keys (pupil_id TEXT PRIMARY KEY);
        CREATE TABLE IF NOT EXISTS shred_intents (pupil_id TEXT PRIMARY KEY, payload TEXT NOT NULL);
      `);
    });
    this.guard = guardFiles(this.db, [file, `${file}-wal`], options.warn ?? ((m) => process.emitWarning(m)));
    // Asked before every pupil command, so prepared once.
    this.stmt = {
      key: this.db.prepare<[string], { key: Buffer }>('SELECT key FROM pupil_keys WHERE pupil_id = ?'),
      destroyed: this.db.prepare<[string], 1>('SELECT 1 FROM destroyed_keys WHERE pupil_id = ?').pluck(),
      shredding: this.db
        .prepare<[string, string], 1>('SELECT 1 FROM shred_intents WHERE pupil_id = ? UNION ALL SELECT 1 FROM destroyed_keys WHERE pupil_id = ?')
        .pluck(),
    };
  }

  /**
   * The pupil's key, made on first use; null once destroyed, and never made again after that. With
   * `create` (to seal new personal data) it throws STORE.UNAVAILABLE (503) while keys.db is not the
   * file at its path or cannot be written, even for a key already made: data sealed under a key
   * read from a removed or replaced file would be unreadable once the ledger restarts.
   */
  keyFor(pupilId: string, create: boolean): Buffer | null {
    if (create) this.guard.assertWritable();
    const row = this.stmt.key.get(pupilId);
    if (row || !create) return row?.key ?? null;
    return this.write(() =>
      this.db
        .transaction(() => {
          const made = this.stmt.key.get(pupilId);
          if (made) return made.key;
          if (this.isDestroyed(pupilId)) return null;
          const key = randomBytes(32);
          this.db.prepare('INSERT INTO pupil_keys (pupil_id, key) VALUES (?, ?)').run(pupilId, key);
          return key;
        })
        .immediate(),
    );
  }

  /** Whether keys can be made and destroyed now (for /health). */
  condition(): StoreCondition {
    return this.guard.condition();
  }

  /** Every write: only into the file at its path, and its failure in the ledger's terms (503, 507). */
  private write<T>(run: () => T): T {
    this.guard.assertWritable();
    try {
      const result = run();
      this.guard.wrote();
      return result;
    } catch (e) {
      throw this.guard.fault(e);
    }
  }

  isDestroyed(pupilId: string): boolean {
    return this.stmt.destroyed.get(pupilId) !== undefined;
  }

  /** A destruction recorded or under way: one lookup, as every pupil command asks it. */
  isShredding(pupilId: string): boolean {
    return this.stmt.shredding.get(pupilId, pupilId) !== undefined;
  }

  recordIntent(intent: ShredIntent): void {
    this.write(() => this.db.prepare('INSERT OR REPLACE INTO shred_intents (pupil_id, payload) VALUES (?, ?)').run(intent.pupilId, intent.payload));
  }

  pendingIntents(): ShredIntent[] {
    return this.db
      .prepare<[], { pupil_id: string; payload: string }>('SELECT * FROM shred_intents')
      .all()
      .map((r) => ({ pupilId: r.pupil_id, payload: r.payload }));
  }

  destroyKey(pupilId: string): void {
    this.write(() => {
      this.db.transaction(() => {
        this.db.prepare('DELETE FROM pupil_keys WHERE pupil_id = ?').run(pupilId);
        this.db.prepare('INSERT OR IGNORE INTO destroyed_keys (pupil_id) VALUES (?)').run(pupilId);
      })();
      // Without this the deleted key would live on in the WAL until the next checkpoint.
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    });
  }

  clearIntent(pupilId: string): void {
    this.write(() => this.db.prepare('DELETE FROM shred_intents WHERE pupil_id = ?').run(pupilId));
  }

  close(): void {
    this.guard.stopWatching();
    if (this.db.open) this.db.close();
  }
}
