import { consentBasisEnd } from '../src/pupils/domain/consent-basis';
import { activeUntil } from '../src/pupils/domain/consent-status';
import type { PupilState } from '../src/pupils/domain/pupil-state';
import type { EncryptedField } from '../src/ledger/domain/encrypted';
import { type Agreement, agreementEnd, type RecipientState } from '../src/recipients/domain/recipient-state';
import { earliest, ms } from '../src/ledger/domain/time';
import type { SharingLine } from './sharings.projection';

/** Rule 13: the basis of a sharing had already ended when it was made (a fact typed in later shows it). */
export type AccessProblem = 'basis_ended_before_sharing';

export interface AccessLine {
  readonly recipientId: string;
  readonly pupilId: string;
  readonly dataCategories: readonly string[];
  readonly legalBasis: string;
  /** A registered reference's text, or free text still sealed: the reader opens or withholds it (rule 7). */
  readonly legalReference: string | EncryptedField | null;
  /** When the data went (canonical UTC). */
  readonly from: string;
  /** When the recipient's right to use it ended; before `from` when the basis had ended before the sharing. */
  readonly until: string | null;
  readonly eventIds: readonly string[];
  readonly problem: AccessProblem | null;
}

interface BasisEnded {
  readonly at: string;
  readonly eventIds: readonly string[];
}

/** Rule 13: the moment and the fact that ended the sharing's basis before `sharedAt`, or null if it stood then. */
export const basisEndedBefore = (line: SharingLine, pupil: PupilState | undefined, agreement: Agreement | undefined): BasisEnded | null => {
  if (line.legalBasis === 'consent' && line.purpose && pupil) {
    const ended = consentBasisEnd(pupil.consents, line.purpose, line.pupilId, line.sharedAt);
    return ended && { at: ended.at, eventIds: ended.eventId ? [ended.eventId] : [] };
  }
  const end = agreement && agreementEnd(agreement);
  if (line.legalBasis === 'processor_agreement' && agreement && end !== null && end !== undefined && ms(end) <= ms(line.sharedAt))
    return { at: end, eventIds: agreement.endRef ? [agreement.endRef.eventId] : [agreement.eventId] };
  return null;
};

/**
 * "Who could see what, when": a recipient sees what was shared from the sharing until the earliest
 * of the consent ending, the agreement ending, the dossier's destruction, or the sharing's own end.
 * When the basis had already ended before the sharing (rule 13), the line says so: `until` is that
 * moment, `problem` is set, and its proofs are the sharing and the fact that ended the basis.
 */
export const accessInterval = (line: SharingLine, pupil: PupilState | undefined, recipient: RecipientState | undefined): AccessLine => {
  const agreement = recipient?.agreements.find((a) => a.agreementId === line.agreementId);
  const common = {
    recipientId: line.recipientId,
    pupilId: line.pupilId,
    dataCategories: line.dataCategories,
    legalBasis: line.legalBasis,
    legalReference: line.legalReferenceText ?? line.legalReference ?? null,
    from: line.sharedAt,
  };
  const ended = basisEndedBefore(line, pupil, agreement);
  if (ended) return { ...common, until: ended.at, eventIds: [line.eventId, ...ended.eventIds], problem: 'basis_ended_before_sharing' };
  const consentEnd = line.legalBasis === 'consent' && line.purpose && pupil ? activeUntil(pupil.consents, line.purpose, line.pupilId, line.sharedAt) : null;
  const until = earliest(line.until, consentEnd, agreement && agreementEnd(agreement), pupil?.destroyed?.at) ?? null;
  return {
    ...common,
    until,
    eventIds: [line.eventId, ...line.consentEventIds, ...(agreement ? [agreement.eventId, ...(agreement.endRef ? [agreement.endRef.eventId] : [])] : [])],
    problem: null,
  };
};

/**
 * Whether a line is listed at `at`: from `from` until `until`; a line with a problem (rule 13) is
 * listed from `from` until the dossier is destroyed or the sharing's own end — the recipient did
 * receive the data, and every view must say so.
 */
export const visibleAt = (line: AccessLine, at: string, listedUntil: string | null = line.until): boolean =>
  ms(line.from) <= ms(at) && (listedUntil === null || ms(at) < ms(listedUntil));

/** The lines of `sharings` a recipient could still see (or holds without basis) at `at`, each with its interval and proofs. */
export const accessAt = (
  sharings: readonly SharingLine[],
  pupilOf: (pupilId: string) => PupilState | undefined,
  recipientOf: (recipientId: string) => RecipientState | undefined,
  at: string,
): AccessLine[] =>
  sharings.flatMap((l) => {
    const pupil = pupilOf(l.pupilId);
    const line = accessInterval(l, pupil, recipientOf(l.recipientId));
    const listedUntil = line.problem ? (earliest(l.until, pupil?.destroyed?.at) ?? null) : line.until;
    return visibleAt(line, at, listedUntil) ? [line] : [];
  });
