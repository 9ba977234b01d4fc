import { DEFAULT_CATALOGUE } from '../../ledger/domain/purposes';
import { specFor } from '../../ledger/domain/testing/decider-spec';
import { decideRecipient } from './recipient-decider';
import type { RecipientEvent } from './recipient-events';
import { evolveRecipient, initialRecipientState } from './recipient-state';

const NOW = '2026-03-01T10:00:00.000Z';
const spec = specFor({ decide: decideRecipient, evolve: evolveRecipient, initial: initialRecipientState }, { now: NOW, catalogue: DEFAULT_CATALOGUE });

const publisher: RecipientEvent = {
  type: 'RecipientRegistered',
  occurredAt: NOW,
  data: {
    recipientId: 'r-pub',
    name: 'Publisher',
    kind: 'processor',
    purpose: null,
    dataCategories: ['identity', 'school-results', 'login-minimal'],
    legalReferences: [],
  },
};
const agreement: RecipientEvent = {
  type: 'ProcessorAgreementConcluded',
  occurredAt: NOW,
  data: { recipientId: 'r-pub', agreementId: 'a-1', validFrom: '2025-07-31T22:00:00.000Z', validUntil: null, dataCategories: ['identity', 'login-minimal'] },
};
const register = { type: 'RegisterRecipient', ...publisher.data, legalReferences: [] as string[] } as const;
const conclude = { type: 'ConcludeAgreement', ...agreement.data, validFrom: '2025-08-01' } as const;

describe('the register of recipients', () => {
  it('registers a recipient with the categories it may receive', () => spec.given([]).when(register).then([publisher]));
  it('answers an exact repeat with the first registration', () => spec.given([publisher]).when(register).thenUnchanged('evt-1'));
  it('refuses registering the same id with other details', () =>
    spec
      .given([publisher])
      .when({ ...register, dataCategories: ['health'] })
      .thenRefused('RECIPIENT.ALREADY_REGISTERED'));
  it('keeps the laws sharings rest on in the register, and tells a repeat from other details by them too', () => {
    const duo = { ...register, recipientId: 'duo', kind: 'authority', legalReferences: ['WPO art. 178a', 'Leerplichtwet art. 21'] } as const;
    const { type: _, ...data } = duo;
    spec
      .given([])
      .when(duo)
      .then([{ type: 'RecipientRegistered', occurredAt: NOW, data }]);
    const recorded = { type: 'RecipientRegistered', occurredAt: NOW, data } as RecipientEvent;
    spec
      .given([recorded])
      .when({ ...duo, legalReferences: ['Leerplichtwet art. 21', 'WPO art. 178a'] })
      .thenUnchanged('evt-1');
    spec
      .given([recorded])
      .when({ ...duo, legalReferences: ['WPO art. 178a'] })
      .thenRefused('RECIPIENT.ALREADY_REGISTERED');
  });
  it('reads a registration recorded before the register held laws as holding none', () =>
    spec
      .given([{ ...publisher, data: { ...publisher.data, legalReferences: undefined } }])
      .when(register)
      .thenUnchanged('evt-1'));
  it('refuses a purpose outside the catalogue', () =>
    spec
      .given([])
      .when({ ...register, purpose: 'marketing' })
      .thenRefused('VALIDATION.INVALID', { field: 'purpose' }));
});

describe('processor agreements', () => {
  it('concludes an agreement covering registered categories', () => spec.given([publisher]).when(conclude).then([agreement]));
  it('refuses an agreement for an unregistered recipient', () => spec.given([]).when(conclude).thenRefused('RECIPIENT.NOT_FOUND'));
  it('refuses categories the recipient is not registered for', () =>
    spec
      .given([publisher])
      .when({ ...conclude, dataCategories: ['health'] })
      .thenRefused('SHARING.CATEGORY_NOT_REGISTERED'));
  it('refuses an agreement with a party that is not a processor', () =>
    spec
      .given([{ ...publisher, data: { ...publisher.data, kind: 'third_party' } }])
      .when(conclude)
      .thenRefused('RECIPIENT.NOT_A_PROCESSOR'));
  it('ends an agreement, once', () => {
    const end = { type: 'EndAgreement', recipientId: 'r-pub', agreementId: 'a-1', endedAt: '2026-01-01T00:00:00Z' } as const;
    const ended: RecipientEvent = {
      type: 'ProcessorAgreementEnded',
      occurredAt: '2026-01-01T00:00:00.000Z',
      data: { recipientId: 'r-pub', agreementId: 'a-1' },
    };
    spec.given([publisher, agreement]).when(end).then([ended]);
    spec.given([publisher, agreement, ended]).when(end).thenUnchanged('evt-3');
    spec
      .given([publisher, agreement, ended])
      .when({ ...end, endedAt: '2026-02-01T00:00:00Z' })
      .thenRefused('AGREEMENT.ALREADY_ENDED');
    spec
      .given([publisher, agreement])
      .when({ ...end, agreementId: 'a-9' })
      .thenRefused('AGREEMENT.NOT_FOUND');
  });
});
