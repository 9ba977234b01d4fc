import type { NewEvent } from '../domain/recorded-event';
import type { EventToAppend } from '../../core/ports/event-store.port';
import type { CommandMeta } from './command-meta';

export const SCHEMA_VERSION = 1;

/**
 * A decider's events with the envelope every stored event carries (DESIGN: events): a new id each,
 * `recordedAt` = `now` (UTC ms; the store holds it monotonic), who asked and why (rule 7: only the
 * SHA-256 of the idempotency key).
 */
export const envelope = (events: readonly NewEvent[], meta: CommandMeta, schoolId: string | null, now: string, newId: () => string): EventToAppend[] =>
  events.map((e) => ({
    eventId: newId(),
    type: e.type,
    occurredAt: e.occurredAt,
    recordedAt: now,
    data: e.data,
    metadata: {
      schemaVersion: SCHEMA_VERSION,
      actor: meta.actor,
      schoolId,
      correlationId: meta.correlationId,
      causationId: meta.causationId,
      idempotencyKeySha256: meta.idempotency?.keyHash ?? null,
    },
  }));
