import type { DataCategory } from '../../ledger/domain/purposes';
import type { NewEvent, RecordedEvent } from '../../ledger/domain/recorded-event';

export type RecipientKind = 'third_party' | 'processor' | 'authority';

export type RecipientEventData = {
  RecipientRegistered: {
    readonly recipientId: string;
    /** An organisation's name (a library, a publisher), not a person's. */
    readonly name: string;
    readonly kind: RecipientKind;
    readonly purpose: string | null;
    readonly dataCategories: readonly DataCategory[];
    /**
     * The laws sharings with this recipient rest on, plain text (rule 5): the register holds no
     * personal data. Absent in registrations recorded before the register held them.
     */
    readonly legalReferences?: readonly string[];
  };
  ProcessorAgreementConcluded: {
    readonly recipientId: string;
    readonly agreementId: string;
    readonly validFrom: string;
    readonly validUntil: string | null;
    readonly dataCategories: readonly DataCategory[];
  };
  ProcessorAgreementEnded: { readonly recipientId: string; readonly agreementId: string };
};

export type RecipientEventType = keyof RecipientEventData;
export const RECIPIENT_EVENT_TYPES: readonly RecipientEventType[] = ['RecipientRegistered', 'ProcessorAgreementConcluded', 'ProcessorAgreementEnded'];

export type RecipientEvent = { [T in RecipientEventType]: NewEvent<T, RecipientEventData[T]> }[RecipientEventType];
export type RecordedRecipientEvent = {
  [T in RecipientEventType]: RecordedEvent<T, RecipientEventData[T]>;
}[RecipientEventType];

export const isRecipientEvent = (e: RecordedEvent): e is RecordedRecipientEvent => (RECIPIENT_EVENT_TYPES as readonly string[]).includes(e.type);
