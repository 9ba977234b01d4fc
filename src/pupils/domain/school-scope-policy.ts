import { refuse } from '../../ledger/domain/errors';
import { type Schools, serves } from '../../ledger/domain/school-scope';
import type { PupilState } from './pupil-state';

/**
 * "Keys per school": a pupil of a school the key does not serve is answered exactly as a pupil that
 * does not exist (404, same message), before anything else, so neither a refusal nor a 410 can tell
 * the key that it exists.
 */
export const mustBeServed = (state: PupilState, pupilId: string, schools: Schools | undefined): void => {
  if (state.status !== 'unknown' && !serves(schools, state.schoolId)) refuse('PUPIL.NOT_FOUND', `pupil ${pupilId} is not enrolled`);
};

/** Enrolment into a school the key does not serve is refused as an unknown school (404). */
export const mustServeSchool = (schoolId: string, schools: Schools | undefined): void => {
  if (!serves(schools, schoolId)) refuse('SCHOOL.NOT_FOUND', `school ${schoolId} is not served by this API key`);
};
