import type { Actor } from '../domain/recorded-event';

export interface IdempotencyRequest {
  /** The API key's id: a key is scoped to whoever holds the API key. */
  readonly scope: string;
  /** The SHA-256 (hex) of the client's `Idempotency-Key`: the key itself is never stored (rule 7). */
  readonly keyHash: string;
  readonly requestHash: string;
}

/** Who asks and how the request is tied to others: carried by every command into every event. */
export interface CommandMeta {
  readonly actor: Actor;
  /** A UUID, given by the client or made by the ledger (rule 7). */
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly idempotency: IdempotencyRequest | null;
  /**
   * The schools the API key serves; absent or null: the whole board. A pupil of another school is
   * answered as unknown (404), never as refused, so a key cannot learn that it exists.
   */
  readonly schools?: readonly string[] | null;
}
