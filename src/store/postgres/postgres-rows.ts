import type { RawEvent } from '../../core/hash-chain';
import type { RecordedEvent } from '../../ledger/domain/recorded-event';

/**
 * The columns a reader of events needs, fetched as arrays in this order (no row object per row).
 * `position` comes as a string (node-postgres gives `bigint` as text) and is never cast in the
 * select list: `ORDER BY position` would then sort the text ('10' before '7').
 */
export const eventColumns = (alias = ''): string =>
  ['position', 'event_id', 'stream', 'revision', 'type', 'occurred_at', 'recorded_at', 'metadata', 'data', 'hash'].map((c) => alias + c).join(', ');
export type EventTuple = [string, string, string, number, string, string, string, string, string, string];

export const toEvent = ([position, eventId, stream, revision, type, occurredAt, recordedAt, metadata, data, hash]: EventTuple): RecordedEvent => ({
  eventId,
  type,
  stream,
  revision,
  position,
  occurredAt,
  recordedAt,
  metadata: JSON.parse(metadata) as RecordedEvent['metadata'],
  data: JSON.parse(data),
  hash,
});

/** Everything stored, the chain's back link included, with JSON as its stored text: what an auditor hashes. */
export const RAW_COLUMNS = 'position, event_id, stream, revision, type, occurred_at, recorded_at, metadata, data, prev_hash, hash';
export type RawTuple = [...EventTuple, string];

export const toRaw = ([position, eventId, stream, revision, type, occurredAt, recordedAt, metadata, data, prevHash, hash]: RawTuple): RawEvent => ({
  position,
  eventId,
  stream,
  revision,
  type,
  occurredAt,
  recordedAt,
  metadata,
  data,
  prevHash,
  hash,
});

/** The canonical decimal form of a position this store writes, within `bigint`: not "-5", "0x1", "1e3", " 7" or "07". */
export const isPositionText = (p: string): boolean => /^[1-9][0-9]{0,18}$/.test(p) && BigInt(p) <= 9223372036854775807n;
