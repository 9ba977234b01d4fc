import { refuse } from './errors';
import { CLOCK_SKEW_MS, ms, parseDateField, readTimeField, startOfDayMs } from './time';

const notInFuture = (field: string, earliestMs: number, now: string): void => {
  if (earliestMs > ms(now) + CLOCK_SKEW_MS)
    refuse('VALIDATION.FUTURE_TIME', `${field} lies in the future`, [
      { field, problem: `must not be later than the server's time (${now}) plus a few minutes` },
    ]);
};

/**
 * Rule 11: a missing business time means now; a given one may be in the past, never in the
 * future. A date counts from 00:00 Amsterdam of that day, so an end dated today is not future.
 * Answers the canonical UTC instant the field stands for; refuses VALIDATION.INVALID (a time
 * that does not read) or VALIDATION.FUTURE_TIME, naming the field.
 */
export const businessTime = (field: string, value: string | null | undefined, now: string): string => {
  if (value === undefined || value === null) return now;
  const { instant, earliest } = readTimeField(field, value);
  notInFuture(field, ms(earliest), now);
  return instant;
};

/** A calendar date (YYYY-MM-DD, a Dutch day) that must not lie in the future; answered as given. */
export const businessDate = (field: string, value: string, now: string): string => {
  const date = parseDateField(field, value);
  notInFuture(field, startOfDayMs(date), now);
  return date;
};
