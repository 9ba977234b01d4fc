import { DomainError, type ErrorCode } from '../../ledger/domain/errors';
import type { EncryptedField } from '../../ledger/domain/encrypted';
import { type EventRef, isUnchanged } from '../../ledger/domain/recorded-event';
import type { Schools } from '../../ledger/domain/school-scope';
import { decidePupil, type PupilContext } from '../../pupils/domain/pupil-decider';
import type { PupilEvent } from '../../pupils/domain/pupil-events';
import type { PupilState } from '../../pupils/domain/pupil-state';
import { mustBeServed } from '../../pupils/domain/school-scope-policy';
import { type ShareData as SharingAsked, sharingTerms } from '../../recipients/domain/sharing-terms';
import type { RecipientState } from '../../recipients/domain/recipient-state';

export interface ShareData extends SharingAsked {
  readonly type: 'ShareData';
  readonly sharingId: string;
  /** The pupils, in the order asked; their states come in the same order. */
  readonly pupilIds: readonly string[];
  /** The schools the API key serves: another school's pupil is answered as unknown. */
  readonly schools?: Schools;
  /** Free text is personal data (rule 7): sealed under the pupil's own key by the handler, which holds the keys. */
  readonly sealLegalReference: (pupilId: string, text: string) => EncryptedField;
  /** A destruction under way owns the pupil's stream (rule 8): the handler knows the intents. */
  readonly isShredding: (pupilId: string) => boolean;
}

export interface SharingStates {
  readonly recipient: RecipientState;
  readonly pupils: readonly PupilState[];
}

export interface SharingDecision {
  /** One DataShared per pupil not shared before, for that pupil's stream. */
  readonly appends: readonly { readonly pupilId: string; readonly schoolId: string | null; readonly events: readonly PupilEvent[] }[];
  /** The DataShared of pupils this sharing already reached (an exact repeat), in the order asked. */
  readonly repeated: readonly EventRef[];
}

/** Worst refusal first: a missing pupil (404) outranks a destroyed one (410), which outranks missing consent (409). */
const SEVERITY: readonly ErrorCode[] = ['PUPIL.NOT_FOUND', 'PUPIL.DOSSIER_DESTROYED', 'CONSENT.MISSING_FOR_SHARING'];

/**
 * Rule 5 across many pupils, a pure decision over the recipient's and the pupils' states: the
 * recipient's terms, then each pupil's consent at `sharedAt`. The whole sharing is refused if any
 * pupil fails, naming every pupil of the worst refusal.
 * @throws DomainError the recipient's refusal as it is; the pupils' combined (404, 410 or 409).
 */
export const decideSharing = (c: ShareData, s: SharingStates, ctx: PupilContext): SharingDecision => {
  const { freeLegalReference, ...recipientTerms } = sharingTerms(c, s.recipient, ctx);
  const appends: { pupilId: string; schoolId: string | null; events: readonly PupilEvent[] }[] = [];
  const repeated: EventRef[] = [];
  const refusals: { pupilId: string; error: DomainError }[] = [];
  c.pupilIds.forEach((pupilId, i) => {
    const state = s.pupils[i];
    try {
      mustBeServed(state, pupilId, c.schools);
      if (c.isShredding(pupilId)) throw new DomainError('PUPIL.DOSSIER_DESTROYED', `the dossier of pupil ${pupilId} was destroyed`);
      // Only a pupil the ledger knows has a key to seal under.
      const legalReferenceText = freeLegalReference !== null && state.status === 'enrolled' ? c.sealLegalReference(pupilId, freeLegalReference) : null;
      const decision = decidePupil({ type: 'RecordSharing', pupilId, sharingId: c.sharingId, terms: { ...recipientTerms, legalReferenceText } }, state, ctx);
      if (isUnchanged(decision)) repeated.push(decision.unchanged);
      else appends.push({ pupilId, schoolId: state.schoolId, events: decision });
    } catch (e) {
      if (!(e instanceof DomainError) || !SEVERITY.includes(e.code)) throw e;
      refusals.push({ pupilId, error: e });
    }
  });
  if (refusals.length > 0) throw combined(refusals);
  return { appends, repeated };
};

const combined = (refusals: readonly { pupilId: string; error: DomainError }[]): DomainError => {
  const code = SEVERITY.find((c) => refusals.some((r) => r.error.code === c)) as ErrorCode;
  const worst = refusals.filter((r) => r.error.code === code);
  const details = worst.map(({ pupilId, error }) => ({ field: 'pupilIds', pupilId, problem: error.details[0]?.problem ?? error.message }));
  // Up to 10,000 pupils may be refused at once: the message names the first ten, details the first hundred.
  const named =
    worst
      .slice(0, 10)
      .map((r) => r.pupilId)
      .join(', ') + (worst.length > 10 ? ` and ${worst.length - 10} more` : '');
  return new DomainError(code, `the sharing is refused for ${named}; nothing was recorded`, details);
};
