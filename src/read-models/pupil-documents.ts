import { consentFactKey, consentFactsProjection, pupilOf } from '../../projections/consent-facts.projection';
import { type PupilSummary, pupilsProjection } from '../../projections/pupils.projection';
import type { ConsentFact } from '../pupils/domain/consent-status';
import type { PupilState } from '../pupils/domain/pupil-state';
import type { DocStore } from './doc-store';

/** A pupil from its two read models: the summary and its consent facts. */
export const readPupil = (docs: DocStore, pupilId: string): PupilState | undefined => {
  const summary = docs.get<PupilSummary>(pupilsProjection.name, pupilId);
  return summary && pupilOf(summary, docs.all<ConsentFact>(consentFactsProjection.name, consentFactKey(pupilId)));
};

/** Every pupil, reading each read model once; a fact's key begins with its pupil's id. */
export const readPupils = (docs: DocStore): PupilState[] => {
  const facts = new Map<string, ConsentFact[]>();
  for (const [key, fact] of docs.entries<ConsentFact>(consentFactsProjection.name)) {
    const pupilId = key.slice(0, key.lastIndexOf('/'));
    const own = facts.get(pupilId);
    if (own) own.push(fact);
    else facts.set(pupilId, [fact]);
  }
  return docs.all<PupilSummary>(pupilsProjection.name).map((s) => pupilOf(s, facts.get(s.pupilId as string) ?? []));
};
