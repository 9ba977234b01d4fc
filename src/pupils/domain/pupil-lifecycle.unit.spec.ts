import { specFor } from '../../ledger/domain/testing/decider-spec';
import { decidePupil } from './pupil-decider';
import { DAD, MUM, NOW, PUPIL, ctx, destroyed, enrolled, give, given, left, withdraw, withdrawn } from './pupil-fixtures';
import { evolvePupil, initialPupilState } from './pupil-state';

// A pupil's life in the ledger: enrolment, departure and the destruction of the dossier (rule 8).
// The consent rules are in pupil-decider.unit.spec.ts.
const spec = specFor({ decide: decidePupil, evolve: evolvePupil, initial: initialPupilState }, ctx);

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
