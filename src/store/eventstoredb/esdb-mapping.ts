import { createHash } from 'node:crypto';
import { type AllStreamResolvedEvent, type EventData, type JSONType, type Position, type ResolvedEvent, jsonEvent } from '@eventstore/db-client';
import { v5 as uuidv5 } from 'uuid';
import type { RawEvent } from '../../core/hash-chain';
import type { EventMetadata, RecordedEvent } from '../../ledger/domain/recorded-event';
import type { EventToAppend, IdempotencyRecord } from '../../core/ports/event-store.port';

/** The namespace of the ledger's deterministic EventStoreDB event ids (uuid v5). */
const LEDGER_NAMESPACE = '5a1d0c6e-8f3b-4c59-9a57-1b0e2f4c7d21';

/**
 * What the ledger keeps in an EventStoreDB event's metadata: its own envelope, exactly as the hash
 * chain covers it, and the chain. The event's data is the ledger's data, as JSON.
 */
export interface LedgerEsdbMetadata {
  readonly ledger: EventMetadata;
  readonly eventId: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly prevHash: string;
  readonly hash: string;
}

/** A position as the port gives it out: `commit:prepare`, both decimal. Opaque to everyone else. */
export const positionText = (p: Position): string => `${p.commit}:${p.prepare}`;

/** The position a text names, or null for anything this store never gave out (malformed too). */
export const parsePosition = (text: string): Position | null => {
  const m = /^(0|[1-9][0-9]{0,19}):(0|[1-9][0-9]{0,19})$/.exec(text);
  return m ? { commit: BigInt(m[1]), prepare: BigInt(m[2]) } : null;
};

/** The order of two positions of `$all`: by commit, then prepare position. */
export const compareEsdbPositions = (a: string, b: string): number => {
  const [x, y] = [parsePosition(a), parsePosition(b)];
  if (!x || !y) throw new Error(`${x ? b : a} is no EventStoreDB position`);
  return x.commit !== y.commit ? (x.commit < y.commit ? -1 : 1) : x.prepare < y.prepare ? -1 : x.prepare > y.prepare ? 1 : 0;
};

/**
 * The EventStoreDB id of an event. Under an idempotency key it comes from the key (scope and
 * hash) and the event's place in the append, so the same command sent again writes the same ids,
 * and EventStoreDB takes a repeat at the same expected revision as the write it already has.
 * Otherwise it comes from the ledger's own event id, so a write the adapter sends again (its
 * outcome unknown) is recognised the same way.
 */
export const esdbEventId = (
  event: EventToAppend,
  place: { readonly write: number; readonly index: number },
  idempotency?: Pick<IdempotencyRecord, 'scope' | 'key'>,
): string =>
  idempotency
    ? uuidv5(JSON.stringify([idempotency.scope, idempotency.key, place.write, place.index]), LEDGER_NAMESPACE)
    : uuidv5(event.eventId, LEDGER_NAMESPACE);

/** The stream holding an idempotency key's record: one per key, the key hashed again (stream names show in tools). */
export const idempotencyStream = (scope: string, key: string): string =>
  `ledger-idempotency-${createHash('sha256')
    .update(JSON.stringify([scope, key]))
    .digest('hex')}`;

/** The record of an idempotency key, the only event of its stream (its id from the key, so a repeat is the same write). */
export const idempotencyRecordEvent = (r: IdempotencyRecord): EventData =>
  jsonEvent({ id: uuidv5(JSON.stringify(['record', r.scope, r.key]), LEDGER_NAMESPACE), type: 'LedgerIdempotencyRecorded', data: r as unknown as JSONType });

/** An event as the client writes it: JSON data, the ledger's envelope and chain as JSON metadata. */
export const toEsdbEvent = (
  id: string,
  e: EventToAppend,
  chain: { readonly recordedAt: string; readonly prevHash: string; readonly hash: string },
): EventData => {
  const metadata: LedgerEsdbMetadata = { ledger: e.metadata, eventId: e.eventId, occurredAt: e.occurredAt, ...chain };
  return jsonEvent({ id, type: e.type, data: e.data as JSONType, metadata });
};

const isLedgerMetadata = (m: unknown): m is LedgerEsdbMetadata =>
  typeof m === 'object' &&
  m !== null &&
  'ledger' in m &&
  typeof (m as { hash?: unknown }).hash === 'string' &&
  typeof (m as { eventId?: unknown }).eventId === 'string';

/**
 * The ledger's event and its stored text from what the client read; null for anything that is not
 * a ledger event of this store (system events, idempotency records, events of other applications or
 * outside `prefix`). The stored
 * text is the JSON the client wrote (`JSON.stringify` of the same values), so the hash verifies.
 */
export const fromEsdb = (resolved: ResolvedEvent | AllStreamResolvedEvent, prefix = ''): { readonly event: RecordedEvent; readonly raw: RawEvent } | null => {
  const e = resolved.event;
  if (!e || !e.isJson || e.type.startsWith('$') || !e.streamId.startsWith(prefix) || !isLedgerMetadata(e.metadata)) return null;
  const stream = e.streamId.slice(prefix.length);
  // Never passed over in silence: a ledger event without its position could not be ordered.
  if (!e.position) throw new Error(`EventStoreDB gave event ${e.streamId}@${e.revision} without its position`);
  const m = e.metadata;
  const position = positionText(e.position);
  const revision = Number(e.revision);
  const event: RecordedEvent = {
    eventId: m.eventId,
    type: e.type,
    stream,
    revision,
    position,
    occurredAt: m.occurredAt,
    recordedAt: m.recordedAt,
    metadata: m.ledger,
    data: e.data,
    hash: m.hash,
  };
  const raw: RawEvent = {
    position,
    eventId: m.eventId,
    stream,
    revision,
    type: e.type,
    occurredAt: m.occurredAt,
    recordedAt: m.recordedAt,
    metadata: JSON.stringify(m.ledger),
    data: JSON.stringify(e.data),
    prevHash: m.prevHash,
    hash: m.hash,
  };
  return { event, raw };
};
