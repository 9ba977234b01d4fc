import type { RecordedEvent } from '../ledger/domain/recorded-event';
import type { RawEvent } from '../core/hash-chain';

export const toRecorded = (e: RawEvent): RecordedEvent => ({
  eventId: e.eventId,
  type: e.type,
  stream: e.stream,
  revision: e.revision,
  position: e.position,
  occurredAt: e.occurredAt,
  recordedAt: e.recordedAt,
  metadata: JSON.parse(e.metadata) as RecordedEvent['metadata'],
  data: JSON.parse(e.data),
  hash: e.hash,
});
