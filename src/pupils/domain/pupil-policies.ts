import { refuse } from '../../ledger/domain/errors';
import { amsterdamWallClock, deadline, ms, sameDayYearsLater } from '../../ledger/domain/time';
import type { PupilState } from './pupil-state';

export const ADULT_CONSENT_AGE = 16;
export const RETENTION_YEARS = 2;

/** Every command but enrolment needs a pupil that exists and whose dossier still exists. */
export const mustExist = (state: PupilState, pupilId: string): void => {
  if (state.status === 'destroyed') refuse('PUPIL.DOSSIER_DESTROYED', `the dossier of pupil ${pupilId} was destroyed`);
  if (state.status === 'unknown') refuse('PUPIL.NOT_FOUND', `pupil ${pupilId} is not enrolled`);
};

export const isPupilThemself = (state: PupilState, guardianId: string): boolean => guardianId === state.pupilId;

export const isGuardian = (state: PupilState, guardianId: string): boolean => state.guardians.some((g) => g.guardianId === guardianId);

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
  if (!birthDate) refuse('CONSENT.PUPIL_TOO_YOUNG', `pupil ${state.pupilId} has no recorded birth date, so cannot decide themself`);
  const from = deadline(birthDate as string, ADULT_CONSENT_AGE);
  if (ms(at) < ms(from))
    refuse('CONSENT.PUPIL_TOO_YOUNG', `pupil ${state.pupilId} is under ${ADULT_CONSENT_AGE} at ${at}`, [
      { field: 'guardianId', problem: `the pupil may decide themself from 00:00 Amsterdam time on their ${ADULT_CONSENT_AGE}th birthday` },
    ]);
};

/** Rule 1 (UAVG art. 5): the pupil may always withdraw, whatever their age. */
export const mayWithdraw = (state: PupilState, guardianId: string): void => {
  if (isGuardian(state, guardianId) || isPupilThemself(state, guardianId)) return;
  refuse('CONSENT.NOT_A_GUARDIAN', `${guardianId} is not a registered guardian of pupil ${state.pupilId}`, [
    { field: 'guardianId', problem: 'must be a guardian recorded at enrolment, or the pupil themself' },
  ]);
};

/**
 * Rule 8: retention ends two years after the pupil left, on a Dutch calendar day: the day two years
 * after `leftOn` (29 February → 1 March), from 00:00 Amsterdam. Answers that day (YYYY-MM-DD).
 */
export const retentionEnd = (leftOn: string): string => sameDayYearsLater(leftOn, RETENTION_YEARS);

/** Refuses PUPIL.NOT_LEFT or RETENTION.NOT_EXPIRED; answers the day retention ended, for the proof. */
export const mayDestroyForRetention = (state: PupilState, destroyedAt: string): string => {
  if (!state.left) return refuse('PUPIL.NOT_LEFT', `pupil ${state.pupilId} has not left the school; retention has not started`);
  const endDay = retentionEnd(state.left.leftOn);
  const end = deadline(state.left.leftOn, RETENTION_YEARS);
  if (ms(destroyedAt) < ms(end))
    refuse(
      'RETENTION.NOT_EXPIRED',
      `the retention period of pupil ${state.pupilId} ends on ${endDay} (00:00 Amsterdam time); destroyedAt is ${amsterdamWallClock(destroyedAt)} Amsterdam time`,
      [{ field: 'destroyedAt', problem: `must be on or after ${endDay} 00:00 Amsterdam time (${end})` }],
    );
  return endDay;
};
