import { refuse } from '../../ledger/domain/errors';
import type { DataCategory } from '../../ledger/domain/purposes';
import type { RecipientState } from './recipient-state';

type Registered = NonNullable<RecipientState['registered']>;

export const mustBeRegistered = (s: RecipientState, recipientId: string): Registered =>
  s.registered ?? refuse('RECIPIENT.NOT_FOUND', `recipient ${recipientId} is not registered`);

/** Data minimisation: nothing goes to a recipient beyond the categories it is registered for. */
export const mustKnowCategories = (r: Registered, categories: readonly DataCategory[]): void => {
  const extra = categories.filter((c) => !r.dataCategories.includes(c));
  if (extra.length > 0)
    refuse('SHARING.CATEGORY_NOT_REGISTERED', `recipient ${r.recipientId} is not registered for ${extra.join(', ')}`, [
      { field: 'dataCategories', problem: `not registered for this recipient: ${extra.join(', ')}` },
    ]);
};
