import type { EventMetadata, RecordedEvent } from '../../ledger/domain/recorded-event';

/**
 * The one port every event store adapter implements (embedded SQLite now, EventStoreDB next).
 * Shaped after what EventStoreDB can promise: revisions count from 0 per stream, global
 * positions are opaque strings, and appends name the revision they expect.
 */
export type ExpectedRevision = number | 'no_stream' | 'any';

export interface EventToAppend {
  readonly eventId: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly metadata: EventMetadata;
  readonly data: unknown;
}

export interface StreamWrite {
  readonly stream: string;
  readonly expectedRevision: ExpectedRevision;
  readonly events: readonly EventToAppend[];
}

export interface StreamRead {
  /** Revision of the last event, -1 when the stream does not exist. */
  readonly revision: number;
  readonly events: readonly RecordedEvent[];
}

export interface IdempotencyRecord {
  readonly scope: string;
  /** The key as the ledger keeps it: the SHA-256 (hex) of the client's `Idempotency-Key` (rule 7). */
  readonly key: string;
  readonly requestHash: string;
  /** The command's answer as the ledger first gave it (its body: nothing of HTTP, whose status is the route's). */
  readonly response: unknown;
}

export interface AppendOptions {
  /**
   * Remembered with the events, so a retry can never see the events without the answer. The answer
   * names what the store gives out in the same transaction (event ids, positions), so it is a pure
   * function of the stored events: no I/O, nothing but data.
   */
  readonly idempotency?: Omit<IdempotencyRecord, 'response'> & { readonly response: (events: readonly RecordedEvent[]) => unknown };
}

/**
 * Whether the store can acknowledge commands now, nothing about the data: `lost` when a file it
 * writes was removed or replaced (for good, until restarted), `unwritable` while its directory is
 * read-only or not writable, `disk_full` while no space is left.
 */
export type StoreCondition = { readonly status: 'ok' } | { readonly status: 'lost' | 'unwritable' | 'disk_full'; readonly reason: string };

export interface Subscription {
  close(): Promise<void>;
}

/** Told of a committed append: `stream` is at `revision` now (its last event's). */
export type AppendListener = (stream: string, revision: number) => void;

export interface EventStore {
  /**
   * Whether several streams can be written all-or-nothing. Where not (EventStoreDB), each write is
   * still guarded by its own expected revision, so no event lands on a stale decision.
   */
  readonly atomicMultiStreamAppend: boolean;
  /**
   * A stream's events from `fromRevision` on (all when absent). `revision` is the stream's last
   * revision either way: streams only grow, so a read with nothing new answers the revision before.
   */
  readStream(stream: string, fromRevision?: number): Promise<StreamRead>;
  append(writes: readonly StreamWrite[], options?: AppendOptions): Promise<readonly RecordedEvent[]>;
  /**
   * Present only where this store is the one writer of its log — the embedded store holding its data
   * directory's lock, the in-memory store over its log — so that what it tells is all that moves a
   * stream. Calls `listener` synchronously, once per stream written, with the stream and its last
   * revision now, for every append committed through this store (whoever called `append`), before that
   * append's promise settles. Answers a function that stops the telling. A store that other processes
   * write too (PostgreSQL, EventStoreDB) has none: only a read of the stream tells what they appended.
   */
  readonly watchAppends?: (listener: AppendListener) => () => void;
  /** Events after a position (exclusive; null from the start), in global order. */
  readAll(after: string | null, limit: number): Promise<readonly RecordedEvent[]>;
  /** Calls `handle` with every batch after `after`, in order, one batch at a time, until closed. */
  subscribe(after: string | null, handle: (events: readonly RecordedEvent[]) => Promise<void> | void): Subscription;
  findIdempotency(scope: string, key: string): Promise<IdempotencyRecord | undefined>;
  /** Global position of the last event, null when empty. */
  head(): Promise<string | null>;
  /** Whether appends can be acknowledged now (for /health); `reason` names the cause. */
  condition(): StoreCondition;
  /** Orders two positions this store gave out: negative when `a` comes first, 0 when they are one, positive after. */
  comparePositions(a: string, b: string): number;
  /** Whether `position` is one this store gave out: an event is stored there. Anything else (malformed too) is false. */
  hasPosition(position: string): Promise<boolean>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EventStore');

export class WrongExpectedRevision extends Error {
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    readonly actual: number,
  ) {
    super(`stream ${stream} is at revision ${actual}, expected ${expected}`);
    this.name = 'WrongExpectedRevision';
  }
}

/** An event id is given out once: appending it again is refused, never stored twice. */
export class DuplicateEventId extends Error {
  constructor(readonly eventId: string) {
    super(`event ${eventId} is already stored`);
    this.name = 'DuplicateEventId';
  }
}

/** The idempotency key was used before; the first answer stands. */
export class IdempotencyKeyUsed extends Error {
  constructor(readonly record: IdempotencyRecord) {
    super('the idempotency key was used before');
    this.name = 'IdempotencyKeyUsed';
  }
}

export const satisfies = (expected: ExpectedRevision, actual: number): boolean =>
  expected === 'any' || (expected === 'no_stream' ? actual === -1 : expected === actual);

/** The order of the decimal positions the embedded, in-memory and PostgreSQL stores give out (as numbers, never as text). */
export const compareDecimalPositions = (a: string, b: string): number => {
  const [x, y] = [BigInt(a), BigInt(b)];
  return x < y ? -1 : x > y ? 1 : 0;
};
