import { PUPIL_EVENT_TYPES, type RecordedPupilEvent } from '../src/pupils/domain/pupil-events';
import { evolvePupil, initialPupilState, type PupilState } from '../src/pupils/domain/pupil-state';
import type { Projection } from './projection';

/**
 * The pupil as the decider knows it, kept per pupil: guardians, every consent fact with both of
 * its times, departure and destruction. The as-of consent queries evaluate it at any (at, knownAt).
 * One document per pupil: a class check reads 28 documents, not 28 ranges of facts.
 */
export const pupilsProjection: Projection<PupilState> = {
  name: 'pupils',
  version: 6,
  handles: PUPIL_EVENT_TYPES,
  keys: (e) => [(e.data as { pupilId: string }).pupilId],
  initial: () => initialPupilState,
  evolve: (doc, e) => evolvePupil(doc, e as RecordedPupilEvent),
};
