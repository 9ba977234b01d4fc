import type { EventStore } from '../core/ports/event-store.port';
import type { RecordedEvent } from '../ledger/domain/recorded-event';
import { type ConsentFact, type PurposeStatus, purposeStatus } from '../pupils/domain/consent-status';
import type { RecordedPupilEvent } from '../pupils/domain/pupil-events';
import { consentFactOf } from '../pupils/domain/pupil-state';
import { streamKind } from '../ledger/domain/streams';

interface Known {
  readonly facts: ConsentFact[];
  /** The revision the next event of the stream must have for these facts to be the whole history. */
  next: number;
}

/**
 * The relay's own fold of the pupils' consent decisions, from the batches it is handed, for the
 * `consentStatus` a consent change carries: as it stood when the change was recorded. A pupil whose
 * stream began before this fold did (the relay resumed from its checkpoint) is read once, up to the
 * change, and followed from then on; a pupil seen from its first event is never read.
 */
export class ConsentFacts {
  private readonly known = new Map<string, Known>();

  constructor(private readonly store: Pick<EventStore, 'readStream'>) {}

  /** Takes every event of a batch in order; answers the status for a consent change, undefined otherwise. */
  async see(e: RecordedEvent, isConsentChange: boolean): Promise<PurposeStatus | undefined> {
    if (streamKind(e.stream) !== 'pupil') return undefined;
    let k = this.known.get(e.stream);
    if (!k || k.next !== e.revision) {
      if (!isConsentChange && e.revision !== 0) {
        // Not needed yet: read only when a consent change asks for the history.
        this.known.delete(e.stream);
        return undefined;
      }
      const before = e.revision === 0 ? [] : (await this.store.readStream(e.stream)).events.filter((s) => s.revision < e.revision);
      k = { facts: before.flatMap((s) => consentFactOf(s as RecordedPupilEvent) ?? []), next: e.revision };
      this.known.set(e.stream, k);
    }
    const fact = consentFactOf(e as RecordedPupilEvent);
    if (fact) k.facts.push(fact);
    k.next = e.revision + 1;
    if (!isConsentChange) return undefined;
    const { pupilId, purpose } = e.data as { pupilId: string; purpose: string };
    return purposeStatus(k.facts, purpose, pupilId, { at: e.recordedAt });
  }
}
