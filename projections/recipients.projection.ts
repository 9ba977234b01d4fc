import { RECIPIENT_EVENT_TYPES, type RecordedRecipientEvent } from '../src/recipients/domain/recipient-events';
import { evolveRecipient, initialRecipientState, type RecipientState } from '../src/recipients/domain/recipient-state';
import type { Projection } from './projection';

/** The board's register: each recipient with its agreements and when they ended. */
export const recipientsProjection: Projection<RecipientState> = {
  name: 'recipients',
  version: 1,
  handles: RECIPIENT_EVENT_TYPES,
  keys: (e) => [(e.data as { recipientId: string }).recipientId],
  initial: () => initialRecipientState,
  evolve: (doc, e) => evolveRecipient(doc, e as RecordedRecipientEvent),
};
