import { specFor } from '../../ledger/domain/testing/decider-spec';
import { decidePupil } from './pupil-decider';
import { DAD, MUM, NOW, PUPIL, ctx, enrolled, give, given, refused, withdraw, withdrawn } from './pupil-fixtures';
import type { PupilEvent } from './pupil-events';
import { evolvePupil, initialPupilState } from './pupil-state';

// The consent rules: who decides, repeats, withdrawal, business time and the yearly lapse.
// Enrolment, departure and destruction are in pupil-lifecycle.unit.spec.ts.
const spec = specFor({ decide: decidePupil, evolve: evolvePupil, initial: initialPupilState }, ctx);

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
