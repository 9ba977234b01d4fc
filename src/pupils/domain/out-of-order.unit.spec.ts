import { specFor } from '../../ledger/domain/testing/decider-spec';
import { consentBasisEnd } from './consent-basis';
import { purposeStatus } from './consent-status';
import { decidePupil } from './pupil-decider';
import { DAD, MUM, NOW, PUPIL, ctx, enrolled, expireCommand, given, left, refused, withdrawn } from './pupil-fixtures';
import type { PupilEvent } from './pupil-events';
import { evolvePupil, initialPupilState } from './pupil-state';

/** Rules 1, 2, 4, 8, 12 and 13 with facts typed in out of order, and Dutch calendar deadlines (issue 9). */
const spec = specFor({ decide: decidePupil, evolve: evolvePupil, initial: initialPupilState }, ctx);
const late = (e: PupilEvent, recordedAt = NOW) => ({ ...e, recordedAt });
const refuse = (guardianId: string, refusedAt: string) => ({ type: 'RefuseConsent', pupilId: PUPIL, purpose: 'share-library', guardianId, refusedAt }) as const;
const give = (guardianId: string, extra: object = {}) =>
  ({ type: 'GiveConsent', pupilId: PUPIL, purpose: 'share-library', guardianId, noticeVersion: 'v1', channel: 'paper', ...extra }) as const;
const withdraw = (guardianId: string, withdrawnAt: string) =>
  ({ type: 'WithdrawConsent', pupilId: PUPIL, purpose: 'share-library', guardianId, withdrawnAt, reason: null }) as const;
const share = (sharedAt: string) =>
  ({
    type: 'RecordSharing',
    pupilId: PUPIL,
    sharingId: 'sh-1',
    terms: {
      recipientId: 'r-lib',
      dataCategories: ['identity'],
      legalBasis: 'consent',
      legalReference: null,
      legalReferenceText: null,
      purpose: 'share-library',
      agreementId: null,
      sharedAt,
      until: null,
    },
  }) as const;
const statusAt = (events: Parameters<typeof spec.given>[0], at: string) =>
  purposeStatus(spec.given(events).state.consents, 'share-library', PUPIL, { at }).status;

describe('issue 9, case 1: a later refusal is a new fact (rule 12)', () => {
  const history = [enrolled, given(MUM, '2025-10-01T00:00:00.000Z'), late(refused(MUM, '2025-09-01T00:00:00.000Z'), '2025-10-20T00:00:00.000Z')];

  it('records a refusal dated 1 November after one dated 1 September', () =>
    spec
      .given(history)
      .when(refuse(MUM, '2025-11-01T00:00:00Z'))
      .then([refused(MUM, '2025-11-01T00:00:00.000Z')]));

  it('answers refused on 15 November and refuses a sharing on consent dated then', () => {
    const after = [...history, refused(MUM, '2025-11-01T00:00:00.000Z')];
    expect(statusAt(after, '2025-11-15T00:00:00.000Z')).toBe('refused');
    expect(statusAt(history, '2025-11-15T00:00:00.000Z')).toBe('active');
    spec
      .given(after)
      .when(share('2025-11-15T00:00:00.000Z'))
      .thenRefused('CONSENT.MISSING_FOR_SHARING', { problem: expect.stringContaining('refused') });
  });
});

describe('rule 12: an exact repeat has every field of the decision the same', () => {
  const first = given(MUM, '2025-10-01T00:00:00.000Z', 'share-library', { validUntil: '2026-06-30T22:00:00.000Z' });
  const same = give(MUM, { givenAt: '2025-10-01T02:00:00+02:00', validUntil: '2026-06-30' });

  it('answers the same consent with the first event', () => spec.given([enrolled, first]).when(same).thenUnchanged('evt-2'));

  it('records a consent differing in channel, notice version or validUntil as a new fact', () => {
    for (const change of [{ channel: 'app' }, { noticeVersion: 'v2' }, { validUntil: '2026-07-31' }])
      spec
        .given([enrolled, first])
        .when({ ...same, ...change })
        .then([expect.objectContaining({ type: 'ConsentGiven' }) as never]);
  });

  it('answers a withdrawal repeated with the same moment and reason with the first, and refuses one with another reason', () => {
    const history = [enrolled, given(MUM, '2025-10-01T00:00:00.000Z'), withdrawn(MUM, '2025-10-05T00:00:00.000Z')];
    spec.given(history).when(withdraw(MUM, '2025-10-05T00:00:00Z')).thenUnchanged('evt-3');
    spec
      .given(history)
      .when({ ...withdraw(MUM, '2025-10-05T00:00:00Z'), sameReason: () => false })
      .thenRefused('CONSENT.NOT_ACTIVE');
  });
});

describe('rule 4 in business time', () => {
  it('lets a guardian withdraw the consent standing at withdrawnAt, whatever was typed in since', () => {
    const history = [enrolled, given(MUM, '2025-10-01T00:00:00.000Z'), late(refused(MUM, '2025-09-01T00:00:00.000Z'))];
    spec
      .given(history)
      .when(withdraw(MUM, '2025-10-05T00:00:00Z'))
      .then([withdrawn(MUM, '2025-10-05T00:00:00.000Z')]);
    spec
      .given(history)
      .when(withdraw(MUM, '2025-09-15T00:00:00Z'))
      .thenRefused('CONSENT.NOT_ACTIVE', { problem: expect.stringContaining('refused') });
  });

  it('lets a guardian withdraw while the purpose is conflicting', () =>
    spec
      .given([enrolled, given(MUM, '2025-10-01T00:00:00.000Z'), refused(DAD, '2025-10-02T00:00:00.000Z')])
      .when(withdraw(MUM, '2025-10-05T00:00:00Z'))
      .then([withdrawn(MUM, '2025-10-05T00:00:00.000Z')]));

  it('lets the pupil withdraw while anyone consents, not when nobody does', () => {
    spec
      .given([enrolled, given(DAD, '2025-10-01T00:00:00.000Z')])
      .when(withdraw(PUPIL, '2025-10-05T00:00:00Z'))
      .then([withdrawn(PUPIL, '2025-10-05T00:00:00.000Z')]);
    spec
      .given([enrolled, refused(DAD, '2025-10-01T00:00:00.000Z')])
      .when(withdraw(PUPIL, '2025-10-05T00:00:00Z'))
      .thenRefused('CONSENT.NOT_ACTIVE');
  });
});

describe('rule 2: the pupil', () => {
  it('ends every consent given before their own withdrawal, even one typed in after it', () => {
    const history = [
      enrolled,
      given(MUM, '2025-01-01T00:00:00.000Z'),
      late(withdrawn(PUPIL, '2025-03-01T00:00:00.000Z')),
      late(given(DAD, '2025-02-01T00:00:00.000Z')),
    ];
    expect(statusAt(history, '2025-02-15T00:00:00.000Z')).toBe('active');
    expect(statusAt(history, '2025-04-01T00:00:00.000Z')).toBe('withdrawn');
  });

  it('decides alone from 16: their own consent against a refusal, their own refusal against a consent', () => {
    const sixteen = { pupilBirthDate: '2009-06-01' };
    const refusedByParents = [enrolled, refused(MUM, '2025-09-01T00:00:00.000Z'), refused(DAD, '2025-09-01T00:00:00.000Z')];
    spec
      .given(refusedByParents)
      .when(give(PUPIL, { givenAt: '2025-10-01T00:00:00Z', ...sixteen }))
      .then([given(PUPIL, '2025-10-01T00:00:00.000Z')]);
    expect(statusAt([...refusedByParents, given(PUPIL, '2025-10-01T00:00:00.000Z')], '2025-11-01T00:00:00.000Z')).toBe('active');
    expect(statusAt([enrolled, given(MUM, '2025-09-01T00:00:00.000Z'), refused(PUPIL, '2025-10-01T00:00:00.000Z')], '2025-11-01T00:00:00.000Z')).toBe(
      'refused',
    );
  });
});

describe('issue 9, case 4: Dutch calendar days, not UTC ones', () => {
  it('lets a pupil consent at 00:30 Amsterdam time on their 16th birthday, and not a minute before it', () => {
    const born = { pupilBirthDate: '2010-03-01' };
    spec
      .given([enrolled])
      .when(give(PUPIL, { givenAt: '2026-03-01T00:30:00+01:00', ...born }))
      .then([given(PUPIL, '2026-02-28T23:30:00.000Z')]);
    spec
      .given([enrolled])
      .when(give(PUPIL, { givenAt: '2026-02-28T23:59:00', ...born }))
      .thenRefused('CONSENT.PUPIL_TOO_YOUNG');
  });

  it('allows retention_expired at 01:00 Amsterdam time on the anniversary, naming the same day when refusing', () => {
    const destroy = (destroyedAt: string) => ({ type: 'DestroyDossier', pupilId: PUPIL, reason: 'retention_expired', destroyedAt }) as const;
    spec
      .given([enrolled, left('2024-03-01')])
      .when(destroy('2026-03-01T01:00:00'))
      .then([
        {
          type: 'DossierDestroyed',
          occurredAt: '2026-03-01T00:00:00.000Z',
          data: { pupilId: PUPIL, reason: 'retention_expired', retentionEndedOn: '2026-03-01', keyDestroyed: true },
        },
      ]);
    spec
      .given([enrolled, left('2024-03-01')])
      .when(destroy('2026-02-28T23:59:00'))
      .thenRefused('RETENTION.NOT_EXPIRED', { problem: expect.stringContaining('2026-03-01 00:00 Amsterdam') });
    spec
      .given([enrolled, left('2024-02-29')])
      .when(destroy('2026-02-28T12:00:00'))
      .thenRefused('RETENTION.NOT_EXPIRED', { problem: expect.stringContaining('2026-03-01') });
  });

  it('ends validUntil "2025-12-31" at 00:00 on 1 January, Amsterdam time', () =>
    spec
      .given([enrolled])
      .when(give(MUM, { givenAt: '2025-10-01T00:00:00Z', validUntil: '2025-12-31' }))
      .then([given(MUM, '2025-10-01T00:00:00.000Z', 'share-library', { validUntil: '2025-12-31T23:00:00.000Z' })]));
});

describe('rule 13 and the expiry notice', () => {
  it('names when and by what the consent a sharing rested on ended before it', () => {
    const { state } = spec.given([enrolled, given(MUM, '2025-10-01T00:00:00.000Z'), late(withdrawn(MUM, '2025-10-05T00:00:00.000Z'))]);
    expect(consentBasisEnd(state.consents, 'share-library', PUPIL, '2025-10-10T00:00:00.000Z')).toEqual({ at: '2025-10-05T00:00:00.000Z', eventId: 'evt-3' });
    expect(consentBasisEnd(state.consents, 'share-library', PUPIL, '2025-10-04T00:00:00.000Z')).toBeNull();
  });

  it('names the refusal when a late refusal leaves the consent never active', () => {
    const { state } = spec.given([enrolled, given(MUM, '2025-10-01T00:00:00.000Z'), late(refused(DAD, '2025-09-01T00:00:00.000Z'))]);
    expect(consentBasisEnd(state.consents, 'share-library', PUPIL, '2025-10-10T00:00:00.000Z')).toEqual({ at: '2025-09-01T00:00:00.000Z', eventId: 'evt-3' });
  });

  it('refuses a destruction dated before the last recorded fact', () =>
    spec
      .given([enrolled, given(MUM, '2025-10-01T00:00:00.000Z')])
      .when({ type: 'DestroyDossier', pupilId: PUPIL, reason: 'erasure_request', destroyedAt: '2025-09-01T00:00:00Z' })
      .thenRefused('VALIDATION.INVALID', { field: 'destroyedAt' }));

  it('never announces the lapse of a consent that had lapsed before it was recorded (case 6)', () =>
    spec
      .given([enrolled, late(given(MUM, '2025-01-01T00:00:00.000Z', 'photo-website'))])
      .when(expireCommand('evt-2'))
      .thenRefused('CONSENT.NOT_LAPSED'));
});
