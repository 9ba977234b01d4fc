import { DomainError } from '../../ledger/domain/errors';
import { DEFAULT_CATALOGUE } from '../../ledger/domain/purposes';
import { record } from '../../ledger/domain/testing/decider-spec';
import type { RecipientEvent } from './recipient-events';
import { evolveRecipient, initialRecipientState } from './recipient-state';
import { sharingTerms, type ShareData } from './sharing-terms';

const NOW = '2026-03-01T10:00:00.000Z';
const ctx = { now: NOW, catalogue: DEFAULT_CATALOGUE };
const state = (...events: RecipientEvent[]) => record(events).reduce((s, e) => evolveRecipient(s, e as never), initialRecipientState);
const registered = (
  kind: 'processor' | 'third_party' | 'authority',
  purpose: string | null,
  dataCategories: string[],
  legalReferences?: string[],
): RecipientEvent =>
  ({ type: 'RecipientRegistered', occurredAt: NOW, data: { recipientId: 'r', name: 'R', kind, purpose, dataCategories, legalReferences } }) as RecipientEvent;
const agreement = (validFrom: string, dataCategories: string[]): RecipientEvent =>
  ({
    type: 'ProcessorAgreementConcluded',
    occurredAt: NOW,
    data: { recipientId: 'r', agreementId: 'a-1', validFrom, validUntil: null, dataCategories },
  }) as RecipientEvent;
const ended = (at: string): RecipientEvent => ({ type: 'ProcessorAgreementEnded', occurredAt: at, data: { recipientId: 'r', agreementId: 'a-1' } });
const share = (extra: Partial<ShareData>): ShareData => ({ recipientId: 'r', dataCategories: ['identity'], legalBasis: 'consent', ...extra });
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e as DomainError;
  }
  throw new Error('expected a refusal');
};

describe('rule 5: what a sharing must name and satisfy, on the recipient side', () => {
  const library = state(registered('third_party', 'share-library', ['identity', 'contact']));

  it('on consent, carries the purpose whose consent each pupil must hold', () =>
    expect(sharingTerms(share({}), library, ctx)).toMatchObject({ legalBasis: 'consent', purpose: 'share-library', sharedAt: NOW }));

  it('refuses a category outside the register (data minimisation)', () =>
    expect(refusal(() => sharingTerms(share({ dataCategories: ['identity', 'school-results'] }), library, ctx))).toMatchObject({
      code: 'SHARING.CATEGORY_NOT_REGISTERED',
    }));

  it('refuses a consent sharing to a recipient without a purpose', () =>
    expect(refusal(() => sharingTerms(share({}), state(registered('authority', null, ['identity'])), ctx)).code).toBe('SHARING.NO_PURPOSE'));

  it('requires a legal reference on a legal obligation', () =>
    expect(refusal(() => sharingTerms(share({ legalBasis: 'legal_obligation' }), library, ctx))).toMatchObject({
      code: 'SHARING.LEGAL_REFERENCE_REQUIRED',
      details: [expect.objectContaining({ field: 'legalReference' })],
    }));

  it('lets special categories go on a legal obligation', () => {
    const duo = state(registered('authority', null, ['identity', 'health'], ['WPO art. 178a']));
    expect(sharingTerms(share({ legalBasis: 'legal_obligation', legalReference: 'WPO art. 178a', dataCategories: ['health'] }), duo, ctx).legalReference).toBe(
      'WPO art. 178a',
    );
  });

  it('refers to a registered legal reference cited verbatim, and takes any other text as free text to be sealed', () => {
    const duo = state(registered('authority', null, ['identity'], ['WPO art. 178a', 'Leerplichtwet art. 21']));
    const cite = (legalReference: string) => sharingTerms(share({ legalBasis: 'legal_obligation', legalReference }), duo, ctx);
    expect(cite('Leerplichtwet art. 21')).toMatchObject({ legalReference: 'Leerplichtwet art. 21', freeLegalReference: null });
    expect(cite('WPO art. 178a, zie brief van mevrouw De Vries')).toMatchObject({
      legalReference: null,
      freeLegalReference: 'WPO art. 178a, zie brief van mevrouw De Vries',
    });
    expect(cite('wpo art. 178a')).toMatchObject({ legalReference: null, freeLegalReference: 'wpo art. 178a' });
    const library = state(registered('third_party', 'share-library', ['identity']));
    expect(sharingTerms(share({ legalReference: 'AVG art. 6(1)(a)' }), library, ctx)).toMatchObject({
      legalReference: null,
      freeLegalReference: 'AVG art. 6(1)(a)',
    });
    expect(sharingTerms(share({}), library, ctx)).toMatchObject({ legalReference: null, freeLegalReference: null });
  });

  it('lets special categories go on explicit consent for a purpose listing them, and no other', () => {
    const expert = state(registered('third_party', 'external-expert-consultation', ['identity', 'health', 'religion']));
    expect(sharingTerms(share({ dataCategories: ['health'] }), expert, ctx).purpose).toBe('external-expert-consultation');
    expect(refusal(() => sharingTerms(share({ dataCategories: ['religion'] }), expert, ctx)).code).toBe('SHARING.CATEGORY_NOT_CONSENTED');
  });

  it('refuses special categories on a processor agreement', () => {
    const pub = state(registered('processor', null, ['identity', 'health']), agreement('2025-01-01T00:00:00.000Z', ['identity', 'health']));
    expect(refusal(() => sharingTerms(share({ legalBasis: 'processor_agreement', dataCategories: ['health'] }), pub, ctx)).code).toBe(
      'SHARING.SPECIAL_CATEGORY',
    );
  });

  it('on a processor agreement, needs one in force at the moment that covers the categories', () => {
    const reg = registered('processor', null, ['identity', 'school-results']);
    const basis = { legalBasis: 'processor_agreement' as const };
    expect(sharingTerms(share(basis), state(reg, agreement('2025-01-01T00:00:00.000Z', ['identity'])), ctx).agreementId).toBe('a-1');
    const notYet = state(reg, agreement('2026-06-01T00:00:00.000Z', ['identity']));
    expect(refusal(() => sharingTerms(share(basis), notYet, ctx)).code).toBe('AGREEMENT.NOT_IN_FORCE');
    const over = state(reg, agreement('2025-01-01T00:00:00.000Z', ['identity']), ended('2026-01-01T00:00:00.000Z'));
    expect(refusal(() => sharingTerms(share(basis), over, ctx)).code).toBe('AGREEMENT.NOT_IN_FORCE');
    const narrow = state(reg, agreement('2025-01-01T00:00:00.000Z', ['identity']));
    expect(refusal(() => sharingTerms(share({ ...basis, dataCategories: ['school-results'] }), narrow, ctx)).code).toBe('AGREEMENT.NOT_IN_FORCE');
  });

  it('refuses an unregistered recipient', () => expect(refusal(() => sharingTerms(share({}), initialRecipientState, ctx)).code).toBe('RECIPIENT.NOT_FOUND'));
});
