import type { DataCategory } from '../../ledger/domain/purposes';
import type { EventRef } from '../../ledger/domain/recorded-event';
import type { RecipientKind, RecordedRecipientEvent } from './recipient-events';

export interface Agreement extends EventRef {
  readonly agreementId: string;
  readonly validFrom: string;
  readonly validUntil: string | null;
  readonly endedAt: string | null;
  readonly endRef: EventRef | null;
  readonly dataCategories: readonly DataCategory[];
}

export interface RecipientState {
  readonly registered:
    | (EventRef & {
        readonly recipientId: string;
        readonly name: string;
        readonly kind: RecipientKind;
        readonly purpose: string | null;
        readonly dataCategories: readonly DataCategory[];
        readonly legalReferences: readonly string[];
      })
    | null;
  readonly agreements: readonly Agreement[];
}

export const initialRecipientState: RecipientState = { registered: null, agreements: [] };

export const evolveRecipient = (state: RecipientState, event: RecordedRecipientEvent): RecipientState => {
  const ref = { eventId: event.eventId, position: event.position };
  switch (event.type) {
    case 'RecipientRegistered':
      return { ...state, registered: { ...ref, ...event.data, legalReferences: event.data.legalReferences ?? [] } };
    case 'ProcessorAgreementConcluded': {
      const { recipientId: _, ...agreement } = event.data;
      return { ...state, agreements: [...state.agreements, { ...ref, ...agreement, endedAt: null, endRef: null }] };
    }
    case 'ProcessorAgreementEnded':
      return {
        ...state,
        agreements: state.agreements.map((a) => (a.agreementId === event.data.agreementId ? { ...a, endedAt: event.occurredAt, endRef: ref } : a)),
      };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
};

/** The moment an agreement stops covering anything: its end, or its own validUntil. */
export const agreementEnd = (a: Agreement): string | null => [a.endedAt, a.validUntil].filter((t): t is string => t !== null).sort()[0] ?? null;
