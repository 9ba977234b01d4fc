import type { RecordedEvent } from '../ledger/domain/recorded-event';
import { pupilStream } from '../ledger/domain/streams';
import type { EventStore } from '../core/ports/event-store.port';
import { type IntegrationEvent, consentStatusWhenRecorded, isConsentChange, isPublished, toIntegrationEvent } from './domain/integration-event';

/**
 * The integration events of recorded events, in their order: what the Kafka relay publishes and
 * what GET /events serves — one mapping for both. The ledger's own records (reads of personal
 * data) are passed over: they never leave it. A consent change reads its pupil's stream once
 * per call, for the status it carries.
 */
export const integrationEvents = async (store: Pick<EventStore, 'readStream'>, events: readonly RecordedEvent[]): Promise<IntegrationEvent[]> => {
  const streams = new Map<string, readonly RecordedEvent[]>();
  const streamOf = async (pupilId: string, revision: number) => {
    let stream = streams.get(pupilId);
    if (!stream || stream.length <= revision) streams.set(pupilId, (stream = (await store.readStream(pupilStream(pupilId))).events));
    return stream;
  };
  const out: IntegrationEvent[] = [];
  for (const e of events) {
    if (!isPublished(e.type)) continue;
    const status = isConsentChange(e.type) ? consentStatusWhenRecorded(await streamOf((e.data as { pupilId: string }).pupilId, e.revision), e) : undefined;
    out.push(toIntegrationEvent(e, status));
  }
  return out;
};
