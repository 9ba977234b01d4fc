import type { Actor } from '../domain/recorded-event';

export interface IdempotencyRequest {
  /** The API key's id: a key is scoped to whoever holds the API key. */
  readonly scope: string;
  readonly key: string;
  readonly requestHash: string;
}

/** Who asks and how the request is tied to others: carried by every command into every event. */
export interface CommandMeta {
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly idempotency: IdempotencyRequest | null;
}
