import { specFor } from '../../ledger/domain/testing/decider-spec';
import { decidePupil } from './pupil-decider';
import { DAD, MUM, NOW, PUPIL, ctx, destroyed, enrolled, given, left, refused, withdrawn } from './pupil-fixtures';
import type { PupilEvent } from './pupil-events';
import { evolvePupil, initialPupilState } from './pupil-state';

const spec = specFor({ decide: decidePupil, evolve: evolvePupil, initial: initialPupilState }, ctx);
const give = (guardianId: string, extra: object = {}) =>
  ({ type: 'GiveConsent', pupilId: PUPIL, purpose: 'share-library', guardianId, noticeVersion: 'v1', channel: 'paper', ...extra }) as const;
const withdraw = (guardianId: string, extra: object = {}) =>
  ({ type: 'WithdrawConsent', pupilId: PUPIL, purpose: 'share-library', guardianId, reason: null, ...extra }) as const;

describe('enrolment', () => {
  const enrol = { type: 'EnrolPupil', ...enrolled.data } as const;

  it('records a new pupil with its guardians', () => spec.given([]).when(enrol).then([enrolled]));

  it('answers an exact repeat with the first enrolment', () => spec.given([enrolled]).when(enrol).thenUnchanged('evt-1'));

  it('refuses an enrolment that contradicts the recorded one', () =>
    spec
      .given([enrolled])
      .when({ ...enrol, schoolId: 's-2' })
      .thenRefused('PUPIL.ALREADY_ENROLLED', { field: 'schoolId' }));

  it('compares personal data opened: the same answers are a repeat, other answers are refused naming personal', () => {
    spec
      .given([enrolled])
      .when({ ...enrol, samePersonal: () => true })
      .thenUnchanged('evt-1');
    spec
      .given([enrolled])
      .when({ ...enrol, samePersonal: () => false })
      .thenRefused('PUPIL.ALREADY_ENROLLED', { field: 'personal' });
    spec
      .given([enrolled])
      .when({ ...enrol, personal: { alg: 'A256GCM', iv: 'x', tag: 'x', ct: 'x' } })
      .thenRefused('PUPIL.ALREADY_ENROLLED', { field: 'personal' });
  });

  it('refuses an enrolment date in the future (rule 11)', () =>
    spec
      .given([])
      .when({ ...enrol, enrolledOn: '2026-03-05' })
      .thenRefused('VALIDATION.FUTURE_TIME', { field: 'enrolledOn' }));
});

describe('rule 1: who decides', () => {
  it('lets a registered guardian consent, at now when no time is given', () =>
    spec
      .given([enrolled])
      .when(give(MUM))
      .then([given(MUM, NOW)]));

  it('refuses consent from someone who is not a guardian', () =>
    spec.given([enrolled]).when(give('g-neighbour')).thenRefused('CONSENT.NOT_A_GUARDIAN', { field: 'guardianId' }));

  it('refuses the pupil consenting themself without a recorded birth date', () =>
    spec.given([enrolled]).when(give(PUPIL)).thenRefused('CONSENT.PUPIL_TOO_YOUNG'));

  it('refuses the pupil consenting themself under 16', () =>
    spec
      .given([enrolled])
      .when(give(PUPIL, { pupilBirthDate: '2010-03-02' }))
      .thenRefused('CONSENT.PUPIL_TOO_YOUNG'));

  it('lets the pupil consent themself from their 16th birthday', () =>
    spec
      .given([enrolled])
      .when(give(PUPIL, { pupilBirthDate: '2010-03-01' }))
      .then([given(PUPIL, NOW)]));

  it('lets a young pupil withdraw a consent their parent gave (UAVG art. 5)', () =>
    spec
      .given([enrolled, given(MUM, '2025-01-01T00:00:00.000Z')])
      .when(withdraw(PUPIL))
      .then([withdrawn(PUPIL, NOW)]));

  it('keeps each guardian decision: a second guardian refusing is a new fact', () =>
    spec
      .given([enrolled, given(MUM, '2025-01-01T00:00:00.000Z')])
      .when({ type: 'RefuseConsent', pupilId: PUPIL, purpose: 'share-library', guardianId: DAD })
      .then([refused(DAD, NOW)]));

  it('refuses a purpose outside the catalogue', () =>
    spec
      .given([enrolled])
      .when(give(MUM, { purpose: 'sell-to-advertisers' }))
      .thenRefused('VALIDATION.INVALID', { field: 'purpose' }));
});

describe('exact repeats', () => {
  it('answers the same consent, given at the same moment, with the first event', () =>
    spec
      .given([enrolled, given(MUM, '2025-01-01T00:00:00.000Z')])
      .when(give(MUM, { givenAt: '2025-01-01T00:00:00Z' }))
      .thenUnchanged('evt-2'));

  it('answers a refusal repeated with the same business time with the first one', () =>
    spec
      .given([enrolled, refused(MUM, '2025-01-01T00:00:00.000Z')])
      .when({ type: 'RefuseConsent', pupilId: PUPIL, purpose: 'share-library', guardianId: MUM, refusedAt: '2025-01-01T01:00:00+01:00' })
      .thenUnchanged('evt-2'));

  it('records a yearly re-confirmation in a new school year as a new consent', () =>
    spec
      .given([enrolled, given(MUM, '2025-01-01T00:00:00.000Z', 'photo-website')])
      .when(give(MUM, { purpose: 'photo-website' }))
      .then([given(MUM, NOW, 'photo-website')]));
});

describe('rule 4: only what is active can be withdrawn', () => {
  it('ends a guardian consent at the moment given', () =>
    spec
      .given([enrolled, given(MUM, '2025-01-01T00:00:00.000Z')])
      .when(withdraw(MUM, { withdrawnAt: '2025-06-01T12:00:00Z' }))
      .then([withdrawn(MUM, '2025-06-01T12:00:00.000Z')]));

  it('refuses withdrawing where nothing was given', () =>
    spec
      .given([enrolled])
      .when(withdraw(MUM))
      .thenRefused('CONSENT.NOT_ACTIVE', { problem: expect.stringContaining('none') }));

  it('refuses withdrawing twice', () =>
    spec
      .given([enrolled, given(MUM, '2025-01-01T00:00:00.000Z'), withdrawn(MUM, '2025-02-01T00:00:00.000Z')])
      .when(withdraw(MUM))
      .thenRefused('CONSENT.NOT_ACTIVE', { problem: expect.stringContaining('withdrawn') }));

  it('refuses withdrawing a yearly consent that has lapsed (rule 3)', () =>
    spec
      .given([enrolled, given(MUM, '2025-01-01T00:00:00.000Z', 'photo-website')])
      .when(withdraw(MUM, { purpose: 'photo-website' }))
      .thenRefused('CONSENT.NOT_ACTIVE', { problem: expect.stringContaining('lapsed') }));

  it('refuses a guardian withdrawing what only the other guardian gave', () =>
    spec
      .given([enrolled, given(MUM, '2025-01-01T00:00:00.000Z')])
      .when(withdraw(DAD))
      .thenRefused('CONSENT.NOT_ACTIVE'));

  it('refuses withdrawing before the consent was given', () =>
    spec
      .given([enrolled, given(MUM, '2025-01-01T00:00:00.000Z')])
      .when(withdraw(MUM, { withdrawnAt: '2024-12-01T00:00:00Z' }))
      .thenRefused('CONSENT.NOT_ACTIVE'));
});

describe('rule 8: dossier destruction', () => {
  const destroy = (reason: 'retention_expired' | 'erasure_request', destroyedAt?: string) =>
    ({ type: 'DestroyDossier', pupilId: PUPIL, reason, destroyedAt }) as const;

  it('destroys on an erasure request at any time', () =>
    spec
      .given([enrolled])
      .when(destroy('erasure_request'))
      .then([destroyed(NOW)]));

  it('refuses retention expiry for a pupil who has not left', () => spec.given([enrolled]).when(destroy('retention_expired')).thenRefused('PUPIL.NOT_LEFT'));

  it('refuses retention expiry one day before two years have passed since leaving', () =>
    spec
      .given([enrolled, left('2024-03-02')])
      .when(destroy('retention_expired'))
      .thenRefused('RETENTION.NOT_EXPIRED', { field: 'destroyedAt' }));

  it('allows retention expiry two years after leaving, judged at destroyedAt', () =>
    spec
      .given([enrolled, left('2024-03-01')])
      .when(destroy('retention_expired'))
      .then([
        {
          type: 'DossierDestroyed',
          occurredAt: NOW,
          data: { pupilId: PUPIL, reason: 'retention_expired', retentionEndedOn: '2026-03-01', keyDestroyed: true },
        },
      ]));

  it('answers every later command with "destroyed"', () => {
    const after = spec.given([enrolled, given(MUM, '2025-01-01T00:00:00.000Z'), destroyed('2025-06-01T00:00:00.000Z')]);
    after.when(give(MUM)).thenRefused('PUPIL.DOSSIER_DESTROYED');
    after.when(withdraw(MUM)).thenRefused('PUPIL.DOSSIER_DESTROYED');
    after.when({ type: 'RecordDeparture', pupilId: PUPIL, leftOn: '2025-07-01' }).thenRefused('PUPIL.DOSSIER_DESTROYED');
    after.when({ type: 'DestroyDossier', pupilId: PUPIL, reason: 'erasure_request' }).thenRefused('PUPIL.DOSSIER_DESTROYED');
    after.when({ type: 'EnrolPupil', ...enrolled.data }).thenRefused('PUPIL.DOSSIER_DESTROYED');
  });

  it('refuses every command for a pupil never enrolled', () => spec.given([]).when(give(MUM)).thenRefused('PUPIL.NOT_FOUND'));
});

describe('departure', () => {
  it('records the day the pupil left', () =>
    spec
      .given([enrolled])
      .when({ type: 'RecordDeparture', pupilId: PUPIL, leftOn: '2025-07-15' })
      .then([left('2025-07-15')]));

  it('answers the same departure again with the first', () =>
    spec
      .given([enrolled, left('2025-07-15')])
      .when({ type: 'RecordDeparture', pupilId: PUPIL, leftOn: '2025-07-15' })
      .thenUnchanged('evt-2'));

  it('refuses a second, different departure', () =>
    spec
      .given([enrolled, left('2025-07-15')])
      .when({ type: 'RecordDeparture', pupilId: PUPIL, leftOn: '2025-07-20' })
      .thenRefused('PUPIL.ALREADY_LEFT'));

  it('refuses a consent or a refusal from the day the pupil left on; earlier ones and withdrawals stand', () => {
    const gone = [enrolled, left('2025-07-15')];
    spec
      .given(gone)
      .when(give(MUM, { givenAt: '2025-07-14T22:00:00.000Z' }))
      .thenRefused('PUPIL.ALREADY_LEFT', { field: 'givenAt' });
    spec.given(gone).when(give(MUM)).thenRefused('PUPIL.ALREADY_LEFT', { field: 'givenAt' });
    spec
      .given(gone)
      .when({ type: 'RefuseConsent', pupilId: PUPIL, purpose: 'share-library', guardianId: DAD, refusedAt: '2025-08-01T10:00:00.000Z' })
      .thenRefused('PUPIL.ALREADY_LEFT', { field: 'refusedAt' });
    spec
      .given(gone)
      .when(give(MUM, { givenAt: '2025-07-14T21:59:59.999Z' }))
      .then([given(MUM, '2025-07-14T21:59:59.999Z')]);
    spec
      .given([enrolled, given(MUM, '2025-06-01T10:00:00.000Z'), left('2025-07-15')])
      .when(withdraw(MUM))
      .then([withdrawn(MUM, NOW)]);
  });

  it('refuses leaving before enrolment', () =>
    spec.given([enrolled]).when({ type: 'RecordDeparture', pupilId: PUPIL, leftOn: '2024-01-01' }).thenRefused('VALIDATION.INVALID', { field: 'leftOn' }));
});

describe('rule 11: business time', () => {
  it('accepts a paper form recorded later, with its own date', () =>
    spec
      .given([enrolled])
      .when(give(MUM, { givenAt: '2025-09-01T08:00:00+02:00' }))
      .then([given(MUM, '2025-09-01T06:00:00.000Z')]));

  it('accepts a few minutes of clock skew', () =>
    spec
      .given([enrolled])
      .when(give(MUM, { givenAt: '2026-03-01T10:04:00Z' }))
      .then([given(MUM, '2026-03-01T10:04:00.000Z')]));

  it('refuses a consent given in the future', () =>
    spec
      .given([enrolled])
      .when(give(MUM, { givenAt: '2026-03-01T10:10:00Z' }))
      .thenRefused('VALIDATION.FUTURE_TIME', { field: 'givenAt' }));
});

describe('consent expiry: a lapse announced for downstream systems', () => {
  const photo = given(MUM, '2025-01-01T00:00:00.000Z', 'photo-website');
  const expire = (consentEventId = 'evt-2') => ({ type: 'ExpireConsent', pupilId: PUPIL, consentEventId }) as const;
  const expired: PupilEvent = {
    type: 'ConsentExpired',
    occurredAt: '2025-07-31T22:00:00.000Z',
    data: { pupilId: PUPIL, purpose: 'photo-website', guardianId: MUM, consentEventId: 'evt-2' },
  };

  it('announces a yearly consent at the end of its school year', () => spec.given([enrolled, photo]).when(expire()).then([expired]));

  it('announces it once: a second run changes nothing', () => spec.given([enrolled, photo, expired]).when(expire()).thenUnchanged('evt-3'));

  it('refuses a consent that has not reached its end', () =>
    spec
      .given([enrolled, given(MUM, '2025-09-10T00:00:00.000Z', 'photo-website')])
      .when(expire())
      .thenRefused('CONSENT.NOT_LAPSED'));

  it('refuses a consent withdrawn or re-confirmed before its end', () => {
    spec
      .given([enrolled, photo, withdrawn(MUM, '2025-03-01T00:00:00.000Z', 'photo-website')])
      .when(expire())
      .thenRefused('CONSENT.NOT_LAPSED');
    spec
      .given([enrolled, photo, given(MUM, '2025-06-01T00:00:00.000Z', 'photo-website')])
      .when(expire())
      .thenRefused('CONSENT.NOT_LAPSED');
  });

  it('still announces a lapse after a later decision, which came after the lapse', () =>
    spec
      .given([enrolled, photo, given(MUM, '2025-09-01T00:00:00.000Z', 'photo-website')])
      .when(expire())
      .then([expired]));
});
