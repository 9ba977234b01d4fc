import { createHash } from 'node:crypto';

/** The predecessor of a stream's first event. */
export const GENESIS = '0'.repeat(64);

/** An event exactly as stored: JSON columns as their stored text, so the hash covers the bytes on disk. */
export interface RawEvent {
  readonly position: string;
  readonly eventId: string;
  readonly stream: string;
  readonly revision: number;
  readonly type: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly metadata: string;
  readonly data: string;
  readonly prevHash: string;
  readonly hash: string;
}

/** A row of an `events` table as the SQL stores keep it (SQLite gives the position as a number, PostgreSQL as text). */
export interface StoredEventRow {
  readonly position: number | string;
  readonly event_id: string;
  readonly stream: string;
  readonly revision: number;
  readonly type: string;
  readonly occurred_at: string;
  readonly recorded_at: string;
  readonly metadata: string;
  readonly data: string;
  readonly prev_hash: string;
  readonly hash: string;
}

/** A stored row as the auditor reads it: every field as stored, the JSON as its text. */
export const rawEventOf = (r: StoredEventRow): RawEvent => ({
  position: String(r.position),
  eventId: r.event_id,
  stream: r.stream,
  revision: r.revision,
  type: r.type,
  occurredAt: r.occurred_at,
  recordedAt: r.recorded_at,
  metadata: r.metadata,
  data: r.data,
  prevHash: r.prev_hash,
  hash: r.hash,
});

/**
 * Each event's hash covers its predecessor's hash and every stored field but the global
 * position (a store may assign that after the write). Encrypted fields are hashed as stored,
 * so destroying a pupil's key leaves the chain intact.
 */
export const chainHash = (prevHash: string, e: Omit<RawEvent, 'position' | 'prevHash' | 'hash'>): string =>
  createHash('sha256')
    .update(JSON.stringify([prevHash, e.eventId, e.stream, e.revision, e.type, e.occurredAt, e.recordedAt, e.metadata, e.data]))
    .digest('hex');

/** A single hash over every stream head: sorted leaves, pairwise up; an odd node is carried up. */
export const merkleRoot = (heads: ReadonlyMap<string, { revision: number; hash: string }>): string => {
  let level = [...heads.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([stream, h]) => createHash('sha256').update(`leaf:${stream}:${h.revision}:${h.hash}`).digest('hex'));
  if (level.length === 0) return GENESIS;
  while (level.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2)
      next.push(
        i + 1 < level.length
          ? createHash('sha256')
              .update(`node:${level[i]}:${level[i + 1]}`)
              .digest('hex')
          : level[i],
      );
    level = next;
  }
  return level[0];
};
