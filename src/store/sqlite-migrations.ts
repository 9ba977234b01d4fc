import type Database from 'better-sqlite3';
import { GENESIS, chainHash } from '../core/hash-chain';
import type { EventRow } from './sqlite-event-row';

/** A row as stored before the chain: the hash columns do not exist yet. */
type LegacyRow = Omit<EventRow, 'prev_hash' | 'hash'>;

/**
 * Stores written before the hash chain existed get their chain computed once, over the bytes as
 * they were stored, inside one transaction. The immutability triggers are recreated afterwards.
 */
export const addHashChain = (db: Database.Database): void => {
  const columns = db
    .prepare<[], { name: string }>('PRAGMA table_info(events)')
    .all()
    .map((c) => c.name);
  if (columns.includes('hash')) return;
  db.transaction(() => {
    db.exec(`
      DROP TRIGGER IF EXISTS events_no_update;
      ALTER TABLE events ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
      ALTER TABLE events ADD COLUMN hash TEXT NOT NULL DEFAULT '';
    `);
    const heads = new Map<string, string>();
    const update = db.prepare('UPDATE events SET prev_hash = ?, hash = ? WHERE position = ?');
    const chain = (r: LegacyRow) => {
      const prevHash = heads.get(r.stream) ?? GENESIS;
      const { event_id: eventId, occurred_at: occurredAt, recorded_at: recordedAt, ...rest } = r;
      const hash = chainHash(prevHash, { ...rest, eventId, occurredAt, recordedAt });
      update.run(prevHash, hash, r.position);
      heads.set(r.stream, hash);
    };
    // Paged, not iterated: SQLite cannot update a table while a statement still reads it.
    const page = db.prepare<[number], LegacyRow>('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT 5000');
    for (let rows = page.all(0); rows.length > 0; rows = page.all(rows[rows.length - 1].position)) rows.forEach(chain);
  })();
};

/**
 * Stores written while a command's answer still kept an HTTP status: the idempotency record's
 * `status` column goes (the answers stay). SQLite drops a column in place (3.35 and later).
 */
export const dropAnswerStatus = (db: Database.Database): void => {
  const columns = db
    .prepare<[], { name: string }>('PRAGMA table_info(idempotency)')
    .all()
    .map((c) => c.name);
  if (columns.includes('status')) db.exec('ALTER TABLE idempotency DROP COLUMN status');
};
