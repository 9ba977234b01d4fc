/**
 * A read of a pupil's personal data, recorded without the data: which pupil, what was read, and
 * (in the envelope) who — the key id and role as actor — and when. It answers "who looked at this
 * child's dossier?" (AVG art. 5(2), accountability). It is the ledger's own record, not a fact
 * about the pupil: no decision, projection, feed or topic reads it.
 */
export const PERSONAL_DATA_READ = 'PersonalDataRead';

/** What was read: the history (GET /pupils/{id}/history) or the export (json or html). */
export type ReadKind = 'history' | 'export';

export interface PersonalDataReadData {
  readonly pupilId: string;
  readonly read: ReadKind;
}

/** Event types the ledger keeps for itself: never an integration event, never on the topic or in /events. */
export const INTERNAL_EVENT_TYPES: ReadonlySet<string> = new Set([PERSONAL_DATA_READ]);
