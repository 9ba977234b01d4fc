import { isEncrypted } from '../src/ledger/domain/encrypted';
import type { RecordedEvent } from '../src/ledger/domain/recorded-event';

/** Drops every encrypted (personal) field: what downstream systems get is pseudonymous only. */
const withoutPersonal = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withoutPersonal);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => !isEncrypted(v))
        .map(([k, v]) => [k, withoutPersonal(v)]),
    );
  return value;
};

export interface FeedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly stream: string;
  readonly position: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly schoolId: string | null;
  readonly data: unknown;
}

export const feedEvent = (e: RecordedEvent): FeedEvent => ({
  eventId: e.eventId,
  type: e.type,
  stream: e.stream,
  position: e.position,
  occurredAt: e.occurredAt,
  recordedAt: e.recordedAt,
  schoolId: e.metadata.schoolId,
  data: withoutPersonal(e.data),
});
