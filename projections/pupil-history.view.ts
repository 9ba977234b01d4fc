import type { RecordedEvent } from '../src/ledger/domain/recorded-event';

export interface HistoryLine {
  readonly eventId: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly position: string;
  readonly actor: { readonly id: string; readonly role: string };
  /** As recorded: personal fields stay encrypted here and are opened, or shredded, on reading. */
  readonly data: unknown;
}

/**
 * Everything recorded about a pupil, in the order it was recorded. The pupil's stream is that
 * history already, indexed by the store; a copy kept as documents would double every write.
 */
export const historyOf = (events: readonly RecordedEvent[]): HistoryLine[] =>
  events.map((e) => ({
    eventId: e.eventId,
    type: e.type,
    occurredAt: e.occurredAt,
    recordedAt: e.recordedAt,
    position: e.position,
    actor: e.metadata.actor,
    data: e.data,
  }));
