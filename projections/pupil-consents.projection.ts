import { type ConsentFact, type JudgedFact, inDecisionOrder } from '../src/pupils/domain/consent-status';
import { PUPIL_EVENT_TYPES, type RecordedPupilEvent } from '../src/pupils/domain/pupil-events';
import { consentFactOf, type PupilState } from '../src/pupils/domain/pupil-state';
import type { Projection } from './projection';

/** One purpose's facts, in decision order (rule 12): the as-of filter by record time keeps that order. */
export interface PurposeFacts {
  readonly purpose: string;
  readonly facts: readonly JudgedFact[];
}

/**
 * What the consent questions read of a pupil, and nothing else (no guardians, personal data,
 * sharings, withdrawal reasons): about two thirds of the pupil's document, so a class check parses
 * 28 smaller documents, most within one SQLite page. Kept for every pupil the `pupils` read
 * model knows (same events, same keys), so a pupil is known here exactly when it is there.
 */
export interface PupilConsents {
  readonly status: PupilState['status'];
  readonly pupilId: string | null;
  readonly schoolId: string | null;
  /** In the order first decided on: the purposes outside the catalogue are listed in that order. */
  readonly purposes: readonly PurposeFacts[];
}

export const initialPupilConsents: PupilConsents = { status: 'unknown', pupilId: null, schoolId: null, purposes: [] };

// Field by field, as in pupil-state: a spread followed by other keys leaves V8's fast path.
const judged = (f: ConsentFact): JudgedFact => ({
  kind: f.kind,
  guardianId: f.guardianId,
  occurredAt: f.occurredAt,
  recordedAt: f.recordedAt,
  revision: f.revision,
  eventId: f.eventId,
  noticeVersion: f.noticeVersion,
  endsAt: f.endsAt,
});

/** Places a fact after every fact not later in decision order: what a stable sort of the facts in record order gives. */
const inserted = (facts: readonly JudgedFact[], f: JudgedFact): JudgedFact[] => {
  let i = facts.length;
  while (i > 0 && inDecisionOrder(facts[i - 1], f) > 0) i--;
  return [...facts.slice(0, i), f, ...facts.slice(i)];
};

const withFact = (doc: PupilConsents, f: ConsentFact): PupilConsents => {
  const at = doc.purposes.findIndex((p) => p.purpose === f.purpose);
  const purposes = [...doc.purposes];
  if (at < 0) purposes.push({ purpose: f.purpose, facts: [judged(f)] });
  else purposes[at] = { purpose: f.purpose, facts: inserted(purposes[at].facts, judged(f)) };
  return { status: doc.status, pupilId: doc.pupilId, schoolId: doc.schoolId, purposes };
};

export const evolvePupilConsents = (doc: PupilConsents, e: RecordedPupilEvent): PupilConsents => {
  switch (e.type) {
    case 'PupilEnrolled':
      return { status: 'enrolled', pupilId: e.data.pupilId, schoolId: e.data.schoolId, purposes: doc.purposes };
    case 'DossierDestroyed':
      return { status: 'destroyed', pupilId: doc.pupilId, schoolId: doc.schoolId, purposes: doc.purposes };
    default: {
      const f = consentFactOf(e);
      return f ? withFact(doc, f) : doc;
    }
  }
};

/** The same document made from a whole pupil state, for code that holds one (export, receipts). */
export const pupilConsentsOf = (p: PupilState): PupilConsents =>
  p.consents.reduce(withFact, { status: p.status, pupilId: p.pupilId, schoolId: p.schoolId, purposes: [] });

/**
 * The consent check's and the as-of query's read model (issue 13): one small document per pupil,
 * each purpose's facts kept sorted, so a question neither parses the whole pupil nor sorts.
 */
export const pupilConsentsProjection: Projection<PupilConsents> = {
  name: 'pupil-consents',
  version: 1,
  handles: PUPIL_EVENT_TYPES,
  keys: (e) => [(e.data as { pupilId: string }).pupilId],
  initial: () => initialPupilConsents,
  evolve: (doc, e) => evolvePupilConsents(doc, e as RecordedPupilEvent),
};
