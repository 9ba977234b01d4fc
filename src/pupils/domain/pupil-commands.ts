import type { EncryptedField } from '../../ledger/domain/encrypted';
import type { DataCategory } from '../../ledger/domain/purposes';
import type { DestructionReason, GuardianRef, LegalBasis } from './pupil-events';

export interface EnrolPupil {
  readonly type: 'EnrolPupil';
  readonly pupilId: string;
  readonly schoolId: string;
  readonly enrolledOn: string;
  readonly guardians: readonly GuardianRef[];
  readonly personal: EncryptedField | null;
  /** Whether the recorded personal data, opened, equals this command's (a repeat is exact only then). */
  readonly samePersonal?: (recorded: EncryptedField | null) => boolean;
}

export interface GiveConsent {
  readonly type: 'GiveConsent';
  readonly pupilId: string;
  readonly purpose: string;
  readonly guardianId: string;
  readonly givenAt?: string;
  readonly noticeVersion: string;
  readonly channel: string;
  readonly validUntil?: string;
  /** Decrypted by the handler when the pupil acts themself: rule 1 needs their age. */
  readonly pupilBirthDate?: string | null;
}

export interface RefuseConsent {
  readonly type: 'RefuseConsent';
  readonly pupilId: string;
  readonly purpose: string;
  readonly guardianId: string;
  readonly refusedAt?: string;
  readonly pupilBirthDate?: string | null;
}

export interface WithdrawConsent {
  readonly type: 'WithdrawConsent';
  readonly pupilId: string;
  readonly purpose: string;
  readonly guardianId: string;
  readonly withdrawnAt?: string;
  readonly reason: EncryptedField | null;
  /**
   * Whether a recorded withdrawal's (encrypted) reason says the same as this one, for rule 12's
   * exact repeat. Filled by the handler, which holds the key; absent: the same only when both are absent.
   */
  readonly sameReason?: (recorded: EncryptedField | null) => boolean;
}

/** Announces that a consent lapsed by itself, so that downstream systems hear of it. */
export interface ExpireConsent {
  readonly type: 'ExpireConsent';
  readonly pupilId: string;
  readonly consentEventId: string;
}

export interface RecordDeparture {
  readonly type: 'RecordDeparture';
  readonly pupilId: string;
  readonly leftOn: string;
}

export interface DestroyDossier {
  readonly type: 'DestroyDossier';
  readonly pupilId: string;
  readonly reason: DestructionReason;
  readonly destroyedAt?: string;
}

/** What a recipient allows, as the sharing decision needs it from the recipient's own stream. */
export interface SharingTerms {
  readonly recipientId: string;
  readonly dataCategories: readonly DataCategory[];
  readonly legalBasis: LegalBasis;
  /** One of the recipient's registered legalReferences, cited verbatim (plain: the register's text). */
  readonly legalReference: string | null;
  /** Any other legal reference: free text, so sealed under this pupil's key before it gets here (rule 7). */
  readonly legalReferenceText: EncryptedField | null;
  readonly purpose: string | null;
  readonly agreementId: string | null;
  readonly sharedAt: string;
  readonly until: string | null;
}

export interface RecordSharing {
  readonly type: 'RecordSharing';
  readonly pupilId: string;
  readonly sharingId: string;
  readonly terms: SharingTerms;
}

export type PupilCommand = EnrolPupil | GiveConsent | RefuseConsent | WithdrawConsent | ExpireConsent | RecordDeparture | DestroyDossier | RecordSharing;
