import { ms } from '../src/ledger/domain/time';
import { initialPupilState, type PupilState } from '../src/pupils/domain/pupil-state';
import type { SharingLine } from './sharings.projection';

/**
 * A pupil as the ledger knew it at `knownAt` (record time, inclusive: rule 11): unknown if its
 * enrolment was recorded later, and without the decisions, departure and destruction recorded since.
 */
export const pupilAsKnownAt = (p: PupilState, knownAt: string): PupilState => {
  const k = ms(knownAt);
  if (!p.enrolment || ms(p.enrolment.recordedAt) > k) return initialPupilState;
  const destroyed = p.destroyed && ms(p.destroyed.recordedAt) <= k ? p.destroyed : null;
  return {
    ...p,
    status: destroyed ? 'destroyed' : 'enrolled',
    consents: p.consents.filter((f) => ms(f.recordedAt) <= k),
    left: p.left && ms(p.left.recordedAt) <= k ? p.left : null,
    destroyed,
  };
};

/** The sharings the ledger had recorded by `knownAt`. */
export const sharingsAsKnownAt = (lines: readonly SharingLine[], knownAt: string): SharingLine[] => lines.filter((l) => ms(l.recordedAt) <= ms(knownAt));
