import type Database from 'better-sqlite3';
import { openDatabase } from '../store/sqlite-files';

/** Where the relay got to, per topic, in a file of its own: durable, and never ahead of the broker. */
export class RelayCheckpoint {
  private readonly db: Database.Database;

  constructor(file: string) {
    this.db = openDatabase(file, {}, (db) => {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.exec('CREATE TABLE IF NOT EXISTS relay_checkpoints (topic TEXT PRIMARY KEY, position TEXT NOT NULL)');
    });
  }

  get(topic: string): string | null {
    return this.db.prepare<[string], { position: string }>('SELECT position FROM relay_checkpoints WHERE topic = ?').get(topic)?.position ?? null;
  }

  set(topic: string, position: string): void {
    this.db.prepare('INSERT OR REPLACE INTO relay_checkpoints (topic, position) VALUES (?, ?)').run(topic, position);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
