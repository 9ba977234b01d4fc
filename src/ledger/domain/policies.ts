import { refuse } from './errors';
import { isInFuture, toInstant } from './time';

/** Rule 11: a missing business time means now; a given one may be in the past, never in the future. */
export const businessTime = (field: string, value: string | null | undefined, now: string): string => {
  if (value === undefined || value === null) return now;
  if (isInFuture(value, now))
    refuse('VALIDATION.FUTURE_TIME', `${field} lies in the future`, [
      { field, problem: `must not be later than the server's time (${now}) plus a few minutes` },
    ]);
  return toInstant(value);
};

/** A calendar date (YYYY-MM-DD) that must not lie in the future. */
export const businessDate = (field: string, value: string, now: string): string => {
  businessTime(field, value, now);
  return value;
};
