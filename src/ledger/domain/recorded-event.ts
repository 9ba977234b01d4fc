/**
 * An event as the ledger gives it back: the decider's data plus the envelope the handler filled.
 * Folds see envelopes because proofs (event ids) and bitemporality (occurredAt vs recordedAt)
 * are part of what the ledger answers.
 */
export interface Actor {
  readonly id: string;
  readonly role: string;
}

export interface EventMetadata {
  readonly schemaVersion: number;
  readonly actor: Actor;
  readonly schoolId: string | null;
  readonly correlationId: string;
  readonly causationId: string | null;
  /** The SHA-256 (hex) of the command's `Idempotency-Key`, never the key itself (rule 7). */
  readonly idempotencyKeySha256: string | null;
}

export interface RecordedEvent<T extends string = string, D = unknown> {
  readonly eventId: string;
  readonly type: T;
  readonly stream: string;
  readonly revision: number;
  /** Opaque global position; only the store that gave it can order by it. */
  readonly position: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly metadata: EventMetadata;
  readonly data: D;
  /** The hash the store chained this event with (tamper evidence); folds never need it. */
  readonly hash?: string;
}

/** What a decider emits: the envelope is the handler's job. */
export interface NewEvent<T extends string = string, D = unknown> {
  readonly type: T;
  readonly occurredAt: string;
  readonly data: D;
}

/** Filled by the handler from an injected clock, so deciders stay pure. */
export interface CommandContext {
  readonly now: string;
}

export interface EventRef {
  readonly eventId: string;
  readonly position: string;
}

/** An exact repeat changes nothing and answers with the event that already records it. */
export interface Unchanged {
  readonly unchanged: EventRef;
}

export type Decision<E extends NewEvent> = readonly E[] | Unchanged;

export const isUnchanged = <E extends NewEvent>(d: Decision<E>): d is Unchanged => !Array.isArray(d);
