import { ms } from '../../ledger/domain/time';
import { type ConsentFact, inDecisionOrder } from './consent-status';
import type { PupilState } from './pupil-state';

/**
 * A consent lapses by itself (end of its school year, or its validUntil) only if it was still the
 * decider's standing decision then: not withdrawn, refused or re-confirmed before its end (in
 * business-time order, rule 12), and not ended by the pupil's own withdrawal.
 */
const lapsedUnchanged = (s: PupilState, f: ConsentFact): boolean =>
  !s.consents.some(
    (g) =>
      g.eventId !== f.eventId &&
      g.purpose === f.purpose &&
      (g.guardianId === f.guardianId || (g.kind === 'withdrawn' && g.guardianId === s.pupilId)) &&
      ms(g.occurredAt) < ms(f.endsAt as string) &&
      inDecisionOrder(g, f) > 0,
  );

/**
 * The lapses that are due to be announced at `now` and were not announced yet. A consent that had
 * already lapsed when it was recorded (a form from a past school year typed in late) is never
 * announced: nobody downstream ever heard of it as active (issue 9, case 6).
 */
export const dueExpiries = (s: PupilState, now: string): ConsentFact[] =>
  s.status !== 'enrolled'
    ? []
    : s.consents.filter(
        (f) =>
          f.kind === 'given' &&
          f.endsAt !== null &&
          ms(f.endsAt) <= ms(now) &&
          ms(f.recordedAt) < ms(f.endsAt) &&
          !s.expired[f.eventId] &&
          lapsedUnchanged(s, f),
      );
