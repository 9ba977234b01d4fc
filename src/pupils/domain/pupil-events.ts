import type { DataCategory } from '../../ledger/domain/purposes';
import type { EncryptedField } from '../../ledger/domain/encrypted';
import type { NewEvent, RecordedEvent } from '../../ledger/domain/recorded-event';

export type Relation = 'parent' | 'guardian' | 'foster-parent' | 'other';
export type LegalBasis = 'consent' | 'legal_obligation' | 'processor_agreement';
export type DestructionReason = 'retention_expired' | 'erasure_request';

export interface GuardianRef {
  readonly guardianId: string;
  readonly relation: Relation;
}

export type PupilEventData = {
  PupilEnrolled: {
    readonly pupilId: string;
    readonly schoolId: string;
    readonly enrolledOn: string;
    readonly guardians: readonly GuardianRef[];
    /** {name, birthDate?} encrypted under the pupil's key. */
    readonly personal: EncryptedField | null;
  };
  ConsentGiven: {
    readonly pupilId: string;
    readonly purpose: string;
    readonly guardianId: string;
    readonly noticeVersion: string;
    readonly channel: string;
    readonly validUntil: string | null;
    /** Copied from the catalogue at the time, so a later catalogue change cannot rewrite history. */
    readonly yearly: boolean;
  };
  ConsentRefused: { readonly pupilId: string; readonly purpose: string; readonly guardianId: string };
  ConsentWithdrawn: {
    readonly pupilId: string;
    readonly purpose: string;
    readonly guardianId: string;
    /** Free text, so encrypted. */
    readonly reason: EncryptedField | null;
  };
  ConsentExpired: {
    readonly pupilId: string;
    readonly purpose: string;
    readonly guardianId: string;
    /** The ConsentGiven that lapsed. */
    readonly consentEventId: string;
  };
  DataShared: {
    readonly pupilId: string;
    readonly sharingId: string;
    readonly recipientId: string;
    readonly dataCategories: readonly DataCategory[];
    readonly legalBasis: LegalBasis;
    /**
     * A reference to one of the recipient's registered legalReferences: its text, verbatim (rule 5).
     * In sharings recorded before registers held them, whatever text was given.
     */
    readonly legalReference: string | null;
    /** Any other legal reference: free text, encrypted under the pupil's key (rule 7). Absent in older events. */
    readonly legalReferenceText?: EncryptedField | null;
    /** For basis `consent`: the purpose and the events holding the consent it rested on. */
    readonly purpose: string | null;
    readonly consentEventIds: readonly string[];
    /** For basis `processor_agreement`: the agreement in force. */
    readonly agreementId: string | null;
    readonly until: string | null;
  };
  PupilLeft: { readonly pupilId: string; readonly leftOn: string };
  DossierDestroyed: {
    readonly pupilId: string;
    readonly reason: DestructionReason;
    /** When retention allowed it, for the proof; null on an erasure request. */
    readonly retentionEndedOn: string | null;
    readonly keyDestroyed: true;
  };
};

export type PupilEventType = keyof PupilEventData;
export const PUPIL_EVENT_TYPES: readonly PupilEventType[] = [
  'PupilEnrolled',
  'ConsentGiven',
  'ConsentRefused',
  'ConsentWithdrawn',
  'ConsentExpired',
  'DataShared',
  'PupilLeft',
  'DossierDestroyed',
];

export type PupilEvent = { [T in PupilEventType]: NewEvent<T, PupilEventData[T]> }[PupilEventType];
export type RecordedPupilEvent = { [T in PupilEventType]: RecordedEvent<T, PupilEventData[T]> }[PupilEventType];

export const isPupilEvent = (e: RecordedEvent): e is RecordedPupilEvent => (PUPIL_EVENT_TYPES as readonly string[]).includes(e.type);
