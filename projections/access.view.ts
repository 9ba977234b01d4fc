import { activeUntil } from '../src/pupils/domain/consent-status';
import type { PupilState } from '../src/pupils/domain/pupil-state';
import { agreementEnd, type RecipientState } from '../src/recipients/domain/recipient-state';
import type { EncryptedField } from '../src/ledger/domain/encrypted';
import { earliest, ms } from '../src/ledger/domain/time';
import type { SharingLine } from './sharings.projection';

export interface AccessLine {
  readonly recipientId: string;
  readonly pupilId: string;
  readonly dataCategories: readonly string[];
  readonly legalBasis: string;
  /** A registered reference's text, or free text still sealed: the reader opens or withholds it (rule 7). */
  readonly legalReference: string | EncryptedField | null;
  readonly from: string;
  readonly until: string | null;
  readonly eventIds: readonly string[];
}

/**
 * "Who could see what, when": a recipient sees what was shared from the sharing until the earliest
 * of the consent ending, the agreement ending, the dossier's destruction, or the sharing's own end.
 */
export const accessInterval = (line: SharingLine, pupil: PupilState | undefined, recipient: RecipientState | undefined): AccessLine => {
  const agreement = recipient?.agreements.find((a) => a.agreementId === line.agreementId);
  const consentEnd =
    line.legalBasis === 'consent' && line.purpose && pupil ? activeUntil(pupil.consents, line.purpose, line.pupilId, line.sharedAt) : null;
  const until =
    earliest(line.until ?? undefined, consentEnd ?? undefined, (agreement && agreementEnd(agreement)) ?? undefined, pupil?.destroyed?.at) ?? null;
  return {
    recipientId: line.recipientId,
    pupilId: line.pupilId,
    dataCategories: line.dataCategories,
    legalBasis: line.legalBasis,
    legalReference: line.legalReferenceText ?? line.legalReference ?? null,
    from: line.sharedAt,
    until,
    eventIds: [
      line.eventId,
      ...line.consentEventIds,
      ...(agreement ? [agreement.eventId, ...(agreement.endRef ? [agreement.endRef.eventId] : [])] : []),
    ],
  };
};

export const visibleAt = (line: AccessLine, at: string): boolean =>
  ms(line.from) <= ms(at) && (line.until === null || ms(at) < ms(line.until));

/** The lines of `sharings` a recipient could still see at `at`, each with its interval and proofs. */
export const accessAt = (
  sharings: readonly SharingLine[],
  pupilOf: (pupilId: string) => PupilState | undefined,
  recipientOf: (recipientId: string) => RecipientState | undefined,
  at: string,
): AccessLine[] => sharings.map((l) => accessInterval(l, pupilOf(l.pupilId), recipientOf(l.recipientId))).filter((l) => visibleAt(l, at));
