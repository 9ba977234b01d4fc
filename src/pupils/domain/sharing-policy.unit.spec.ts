import { specFor } from '../../ledger/domain/testing/decider-spec';
import type { SharingTerms } from './pupil-commands';
import { decidePupil } from './pupil-decider';
import { DAD, MUM, NOW, PUPIL, ctx, enrolled, given, refused, withdrawn } from './pupil-fixtures';
import type { PupilEvent } from './pupil-events';
import { evolvePupil, initialPupilState } from './pupil-state';

const spec = specFor({ decide: decidePupil, evolve: evolvePupil, initial: initialPupilState }, ctx);
const terms: SharingTerms = {
  recipientId: 'r-lib',
  dataCategories: ['identity'],
  legalBasis: 'consent',
  legalReference: null,
  legalReferenceText: null,
  purpose: 'share-library',
  agreementId: null,
  sharedAt: NOW,
  until: null,
};
const share = (t: Partial<SharingTerms> = {}) => ({ type: 'RecordSharing', pupilId: PUPIL, sharingId: 'sh-1', terms: { ...terms, ...t } }) as const;

describe('rule 5, the pupil side: a sharing on consent needs active consent at that moment', () => {
  it('records the sharing with the consent events it rested on', () =>
    spec
      .given([enrolled, given(MUM, '2025-01-01T00:00:00.000Z')])
      .when(share())
      .then([
        {
          type: 'DataShared',
          occurredAt: NOW,
          data: {
            pupilId: PUPIL,
            sharingId: 'sh-1',
            recipientId: 'r-lib',
            dataCategories: ['identity'],
            legalBasis: 'consent',
            legalReference: null,
            legalReferenceText: null,
            purpose: 'share-library',
            agreementId: null,
            until: null,
            consentEventIds: ['evt-2'],
          },
        },
      ]));

  it('refuses, naming the pupil, where consent is none, refused, conflicting or withdrawn', () => {
    spec.given([enrolled]).when(share()).thenRefused('CONSENT.MISSING_FOR_SHARING', { pupilId: PUPIL });
    spec
      .given([enrolled, refused(MUM, '2025-01-01T00:00:00.000Z')])
      .when(share())
      .thenRefused('CONSENT.MISSING_FOR_SHARING');
    spec
      .given([enrolled, given(MUM, '2025-01-01T00:00:00.000Z'), refused(DAD, '2025-01-02T00:00:00.000Z')])
      .when(share())
      .thenRefused('CONSENT.MISSING_FOR_SHARING', { problem: expect.stringContaining('conflicting') });
    spec
      .given([enrolled, given(MUM, '2025-01-01T00:00:00.000Z'), withdrawn(MUM, '2025-02-01T00:00:00.000Z')])
      .when(share())
      .thenRefused('CONSENT.MISSING_FOR_SHARING');
  });

  it('judges consent at the moment of sharing, not now', () =>
    spec
      .given([enrolled, given(MUM, '2025-01-01T00:00:00.000Z'), withdrawn(MUM, '2025-02-01T00:00:00.000Z')])
      .when(share({ sharedAt: '2025-01-15T00:00:00.000Z' }))
      .then([expect.objectContaining({ type: 'DataShared', occurredAt: '2025-01-15T00:00:00.000Z' })]));

  it('needs no consent on a legal obligation', () =>
    spec
      .given([enrolled])
      .when(share({ legalBasis: 'legal_obligation', legalReference: 'WPO art. 178a', purpose: null }))
      .then([expect.objectContaining({ type: 'DataShared' })]));

  it('answers a retried sharing with the event already recorded', () => {
    const first = spec.given([enrolled, given(MUM, '2025-01-01T00:00:00.000Z')]);
    const [shared] = decidePupil(share(), first.state, ctx) as PupilEvent[];
    spec
      .given([enrolled, given(MUM, '2025-01-01T00:00:00.000Z'), shared])
      .when(share())
      .thenUnchanged('evt-3');
  });
});
