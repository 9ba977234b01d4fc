import { ms } from '../../ledger/domain/time';
import type { ConsentFact } from './consent-status';
import type { PupilState } from './pupil-state';

/**
 * A consent lapses by itself (end of its school year, or its validUntil) only if it was still the
 * guardian's standing decision then: not withdrawn, refused or re-confirmed before its end, and
 * not ended by the pupil's own withdrawal.
 */
const lapsedUnchanged = (s: PupilState, f: ConsentFact): boolean =>
  !s.consents.some(
    (g) =>
      g.eventId !== f.eventId &&
      g.purpose === f.purpose &&
      (g.guardianId === f.guardianId || (g.kind === 'withdrawn' && g.guardianId === s.pupilId)) &&
      ms(g.occurredAt) < ms(f.endsAt as string) &&
      (ms(g.occurredAt) > ms(f.occurredAt) || (ms(g.occurredAt) === ms(f.occurredAt) && g.revision > f.revision)),
  );

/** The lapses that are due to be announced at `now` and were not announced yet. */
export const dueExpiries = (s: PupilState, now: string): ConsentFact[] =>
  s.status !== 'enrolled'
    ? []
    : s.consents.filter(
        (f) => f.kind === 'given' && f.endsAt !== null && ms(f.endsAt) <= ms(now) && !s.expired[f.eventId] && lapsedUnchanged(s, f),
      );
