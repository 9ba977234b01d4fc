import { type ConsentFact } from '../src/pupils/domain/consent-status';
import { CONSENT_EVENT_TYPES, type RecordedPupilEvent } from '../src/pupils/domain/pupil-events';
import { consentFactOf, type PupilState } from '../src/pupils/domain/pupil-state';
import type { Projection } from './projection';
import type { PupilSummary } from './pupils.projection';

/** A pupil's facts sort in stream order under its prefix: the key's revision is zero-padded. */
export const consentFactKey = (pupilId: string, revision: number | '' = '') =>
  `${pupilId}/${revision === '' ? '' : String(revision).padStart(10, '0')}`;

/**
 * Every guardian's decision with both its times, one document per consent event: written once,
 * never rewritten. The as-of consent questions are answered from these facts.
 */
export const consentFactsProjection: Projection<ConsentFact | null> = {
  name: 'consent-facts',
  version: 1,
  handles: CONSENT_EVENT_TYPES,
  writesOnce: true,
  keys: (e) => [consentFactKey((e.data as { pupilId: string }).pupilId, e.revision)],
  initial: () => null,
  evolve: (_, e) => consentFactOf(e as RecordedPupilEvent),
};

/** The pupil as the views take it: the summary with its facts, in stream order. */
export const pupilOf = (summary: PupilSummary, facts: readonly ConsentFact[]): PupilState => ({ consents: facts, ...summary });
