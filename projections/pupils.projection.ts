import { CONSENT_EVENT_TYPES, PUPIL_EVENT_TYPES, type RecordedPupilEvent } from '../src/pupils/domain/pupil-events';
import { evolvePupil, initialPupilState, type PupilState } from '../src/pupils/domain/pupil-state';
import type { Projection } from './projection';

/** The pupil without its consent facts, which the consent-facts projection keeps one by one. */
export type PupilSummary = Omit<PupilState, 'consents'>;

const summaryOf = ({ consents: _, ...summary }: PupilState): PupilSummary => summary;

/**
 * The pupil as the decider knows it — guardians, departure, destruction, sharings — but for its
 * consents. Kept apart so that a consent, by far the most frequent event, appends one small fact
 * instead of rewriting a document that grows with every school year.
 */
export const pupilsProjection: Projection<PupilSummary> = {
  name: 'pupils',
  version: 3,
  handles: PUPIL_EVENT_TYPES.filter((t) => !CONSENT_EVENT_TYPES.includes(t)),
  keys: (e) => [(e.data as { pupilId: string }).pupilId],
  initial: () => summaryOf(initialPupilState),
  evolve: (doc, e) => summaryOf(evolvePupil({ consents: [], ...doc }, e as RecordedPupilEvent)),
};
