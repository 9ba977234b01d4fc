import type { RecordedEvent } from '../ledger/domain/recorded-event';

/** A row of the embedded store's `events` table, as SQLite gives it back. */
export interface EventRow {
  position: number;
  event_id: string;
  stream: string;
  revision: number;
  type: string;
  occurred_at: string;
  recorded_at: string;
  metadata: string;
  data: string;
  prev_hash: string;
  hash: string;
}

/**
 * What a reader of events needs (the chain's back link stays for the auditor's reads), fetched as
 * arrays in this order: better-sqlite3 builds a row object per row otherwise, a third of a read.
 */
export const EVENT_COLUMNS = 'position, event_id, stream, revision, type, occurred_at, recorded_at, metadata, data, hash';
export type EventTuple = [number, string, string, number, string, string, string, string, string, string];

export const toEvent = ([position, eventId, stream, revision, type, occurredAt, recordedAt, metadata, data, hash]: EventTuple): RecordedEvent => ({
  eventId,
  type,
  stream,
  revision,
  position: String(position),
  occurredAt,
  recordedAt,
  metadata: JSON.parse(metadata) as RecordedEvent['metadata'],
  data: JSON.parse(data),
  hash,
});
