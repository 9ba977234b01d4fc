import type Database from 'better-sqlite3';
import { openDatabase } from '../store/sqlite-files';
import type { ParkedEvent } from './domain/parked-event';

export type { ParkedEvent };

/**
 * Where the relay got to, per topic, in a file of its own: durable, and never ahead of the broker;
 * with the events it parked on the way, written in the same transaction as the checkpoint that
 * passes them, so none is ever passed without being parked.
 */
export class RelayCheckpoint {
  private readonly db: Database.Database;

  constructor(file: string) {
    this.db = openDatabase(file, {}, (db) => {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.exec('CREATE TABLE IF NOT EXISTS relay_checkpoints (topic TEXT PRIMARY KEY, position TEXT NOT NULL)');
      db.exec(
        `CREATE TABLE IF NOT EXISTS relay_parked (topic TEXT NOT NULL, event_id TEXT NOT NULL, position TEXT NOT NULL, stream TEXT NOT NULL,
           revision INTEGER NOT NULL, type TEXT NOT NULL, reason TEXT NOT NULL, PRIMARY KEY (topic, event_id))`,
      );
    });
  }

  get(topic: string): string | null {
    return this.db.prepare<[string], { position: string }>('SELECT position FROM relay_checkpoints WHERE topic = ?').get(topic)?.position ?? null;
  }

  /** Moves the checkpoint and parks what it passes unpublished, all or nothing. */
  set(topic: string, position: string, parked: readonly ParkedEvent[] = []): void {
    this.db.transaction(() => {
      const park = this.db.prepare(
        'INSERT OR REPLACE INTO relay_parked (topic, event_id, position, stream, revision, type, reason) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      for (const p of parked) park.run(topic, p.eventId, p.position, p.stream, p.revision, p.type, p.reason);
      this.db.prepare('INSERT OR REPLACE INTO relay_checkpoints (topic, position) VALUES (?, ?)').run(topic, position);
    })();
  }

  /** The events parked for a topic, in the log's order as parked. */
  parked(topic: string): ParkedEvent[] {
    return this.db
      .prepare<[string], ParkedEvent & { event_id: string }>(
        'SELECT event_id, position, stream, revision, type, reason FROM relay_parked WHERE topic = ? ORDER BY rowid',
      )
      .all(topic)
      .map(({ event_id, ...p }) => ({ ...p, eventId: event_id }));
  }

  /** An event published at last leaves the list. */
  unpark(topic: string, eventId: string): void {
    this.db.prepare('DELETE FROM relay_parked WHERE topic = ? AND event_id = ?').run(topic, eventId);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
