import { refuse } from '../../ledger/domain/errors';
import { businessTime } from '../../ledger/domain/policies';
import { type DataCategory, type PurposeCatalogue, SPECIAL_CATEGORIES } from '../../ledger/domain/purposes';
import type { CommandContext } from '../../ledger/domain/recorded-event';
import { ms, parseTimeField } from '../../ledger/domain/time';
import type { LegalBasis } from '../../pupils/domain/pupil-events';
import type { SharingTerms } from '../../pupils/domain/pupil-commands';
import { mustBeRegistered, mustKnowCategories } from './recipient-policies';
import { agreementEnd, type RecipientState } from './recipient-state';

export interface ShareData {
  readonly recipientId: string;
  readonly dataCategories: readonly DataCategory[];
  readonly legalBasis: LegalBasis;
  readonly legalReference?: string;
  readonly sharedAt?: string;
  readonly until?: string;
}

const specialIn = (categories: readonly DataCategory[]) => categories.filter((c) => SPECIAL_CATEGORIES.includes(c));

/**
 * What the recipient's side decides: every term but the free-text reference, which the handler
 * seals per pupil (rule 7) before the pupil's side sees it.
 */
export type RecipientTerms = Omit<SharingTerms, 'legalReferenceText'> & {
  /** A legal reference that is not one of the recipient's registered ones, in plain text: seal it. */
  readonly freeLegalReference: string | null;
};

/** Rule 5: a reference cited verbatim from the register refers to it; any other text is free text. */
const legalReferenceOf = (given: string | undefined, registered: readonly string[]) =>
  given === undefined || given === ''
    ? { legalReference: null, freeLegalReference: null }
    : registered.includes(given)
      ? { legalReference: given, freeLegalReference: null }
      : { legalReference: null, freeLegalReference: given };

/**
 * Rule 5, the recipient's half: a registered recipient, no category beyond its register, special
 * categories only on a legal obligation or explicit consent, and the basis's own condition.
 */
export const sharingTerms = (c: ShareData, s: RecipientState, ctx: CommandContext & { readonly catalogue: PurposeCatalogue }): RecipientTerms => {
  const r = mustBeRegistered(s, c.recipientId);
  const sharedAt = businessTime('sharedAt', c.sharedAt, ctx.now);
  const until = c.until ? parseTimeField('until', c.until) : null;
  if (until && ms(until) <= ms(sharedAt))
    refuse('VALIDATION.INVALID', 'until lies before sharedAt', [{ field: 'until', problem: 'must be later than sharedAt' }]);
  mustKnowCategories(r, c.dataCategories);
  const special = specialIn(c.dataCategories);
  const base = {
    recipientId: r.recipientId,
    dataCategories: c.dataCategories,
    legalBasis: c.legalBasis,
    sharedAt,
    until,
    ...legalReferenceOf(c.legalReference, r.legalReferences),
  };
  switch (c.legalBasis) {
    case 'legal_obligation':
      if (!c.legalReference)
        refuse('SHARING.LEGAL_REFERENCE_REQUIRED', 'a sharing on a legal obligation names the law it rests on', [
          { field: 'legalReference', problem: 'required when legalBasis is legal_obligation' },
        ]);
      return { ...base, purpose: null, agreementId: null };
    case 'consent': {
      if (!r.purpose) return refuse('SHARING.NO_PURPOSE', `recipient ${r.recipientId} has no purpose that consent could be given for`);
      const purpose = ctx.catalogue.get(r.purpose);
      const uncovered = c.dataCategories.filter((cat) => !purpose?.dataCategories.includes(cat));
      if (uncovered.length > 0)
        refuse('SHARING.CATEGORY_NOT_CONSENTED', `consent for ${r.purpose} does not cover ${uncovered.join(', ')}`, [
          { field: 'dataCategories', problem: `not covered by purpose ${r.purpose}: ${uncovered.join(', ')}` },
        ]);
      return { ...base, purpose: r.purpose, agreementId: null };
    }
    case 'processor_agreement': {
      if (special.length > 0)
        refuse('SHARING.SPECIAL_CATEGORY', `special categories (${special.join(', ')}) go only on a legal obligation or explicit consent`, [
          { field: 'dataCategories', problem: `special categories need legal_obligation or consent: ${special.join(', ')}` },
        ]);
      const inForce = s.agreements.find((a) => {
        const end = agreementEnd(a);
        return ms(a.validFrom) <= ms(sharedAt) && (end === null || ms(sharedAt) < ms(end)) && c.dataCategories.every((cat) => a.dataCategories.includes(cat));
      });
      if (!inForce)
        refuse('AGREEMENT.NOT_IN_FORCE', `recipient ${r.recipientId} has no agreement in force at ${sharedAt} covering ${c.dataCategories.join(', ')}`);
      return { ...base, purpose: null, agreementId: inForce!.agreementId };
    }
    default: {
      const unknown: never = c.legalBasis;
      return unknown;
    }
  }
};
