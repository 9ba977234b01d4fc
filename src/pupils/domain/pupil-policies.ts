import { refuse } from '../../ledger/domain/errors';
import type { Purpose, PurposeCatalogue } from '../../ledger/domain/purposes';
import { addYears, ageAt, ms } from '../../ledger/domain/time';
import type { PupilState } from './pupil-state';

export const ADULT_CONSENT_AGE = 16;
export const RETENTION_YEARS = 2;

/** Every command but enrolment needs a pupil that exists and whose dossier still exists. */
export const mustExist = (state: PupilState, pupilId: string): void => {
  if (state.status === 'destroyed') refuse('PUPIL.DOSSIER_DESTROYED', `the dossier of pupil ${pupilId} was destroyed`);
  if (state.status === 'unknown') refuse('PUPIL.NOT_FOUND', `pupil ${pupilId} is not enrolled`);
};

export const mustKnowPurpose = (catalogue: PurposeCatalogue, purpose: string): Purpose =>
  catalogue.get(purpose) ??
  refuse('CONSENT.UNKNOWN_PURPOSE', `purpose ${purpose} is not in the catalogue`, [
    { field: 'purpose', problem: `must be one of: ${[...catalogue.keys()].join(', ')}` },
  ]);

export const isPupilThemself = (state: PupilState, guardianId: string): boolean => guardianId === state.pupilId;

export const isGuardian = (state: PupilState, guardianId: string): boolean =>
  state.guardians.some((g) => g.guardianId === guardianId);

/**
 * Rule 1: a registered guardian decides for the pupil; the pupil decides for themself from 16,
 * which needs a recorded birth date.
 */
export const mayDecide = (state: PupilState, guardianId: string, at: string, birthDate: string | null | undefined): void => {
  if (isGuardian(state, guardianId)) return;
  if (!isPupilThemself(state, guardianId))
    refuse('CONSENT.NOT_A_GUARDIAN', `${guardianId} is not a registered guardian of pupil ${state.pupilId}`, [
      { field: 'guardianId', problem: 'must be a guardian recorded at enrolment, or the pupil themself' },
    ]);
  if (!birthDate)
    refuse('CONSENT.PUPIL_TOO_YOUNG', `pupil ${state.pupilId} has no recorded birth date, so cannot decide themself`);
  if (ageAt(birthDate as string, at) < ADULT_CONSENT_AGE)
    refuse('CONSENT.PUPIL_TOO_YOUNG', `pupil ${state.pupilId} is under ${ADULT_CONSENT_AGE} at ${at}`);
};

/** Rule 1 (UAVG art. 5): the pupil may always withdraw, whatever their age. */
export const mayWithdraw = (state: PupilState, guardianId: string): void => {
  if (isGuardian(state, guardianId) || isPupilThemself(state, guardianId)) return;
  refuse('CONSENT.NOT_A_GUARDIAN', `${guardianId} is not a registered guardian of pupil ${state.pupilId}`, [
    { field: 'guardianId', problem: 'must be a guardian recorded at enrolment, or the pupil themself' },
  ]);
};

/** Rule 8: retention ends two years after the pupil left, judged at the moment of destruction. */
export const retentionEnd = (leftOn: string): string => addYears(leftOn, RETENTION_YEARS);

export const mayDestroyForRetention = (state: PupilState, destroyedAt: string): string => {
  if (!state.left) return refuse('PUPIL.NOT_LEFT', `pupil ${state.pupilId} has not left the school; retention has not started`);
  const end = retentionEnd(state.left.leftOn);
  if (ms(destroyedAt) < ms(end))
    refuse('RETENTION.NOT_EXPIRED', `the retention period of pupil ${state.pupilId} ends on ${end.slice(0, 10)}`, [
      { field: 'destroyedAt', problem: `must be on or after ${end}` },
    ]);
  return end.slice(0, 10);
};
