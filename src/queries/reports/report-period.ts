import { refuse } from '../../ledger/domain/errors';
import { ms, parseTimeField, schoolYearBegin, schoolYearStart } from '../../ledger/domain/time';

/** The longest period a report spans, in school years (1 August – 31 July, Amsterdam). */
export const MAX_REPORT_SCHOOL_YEARS = 20;

/**
 * Refuses a report period that cannot be meant: `to` before `from`, or more than
 * MAX_REPORT_SCHOOL_YEARS school years. Absent bounds are read as the reports read them: `to` now,
 * `from` the start of the school year of `to`. Both fields are named, as either may be the wrong one.
 * @throws VALIDATION.INVALID (400)
 */
export const mustBeReportPeriod = (q: { readonly from?: string; readonly to?: string }, now: string): void => {
  const to = q.to ? parseTimeField('to', q.to) : now;
  const from = q.from ? parseTimeField('from', q.from) : schoolYearBegin(schoolYearStart(to));
  if (ms(to) < ms(from))
    refuse('VALIDATION.INVALID', `the report period ends before it begins: to (${to}) lies before from (${from})`, [
      { field: 'from', problem: `must not lie after to (${to})` },
      { field: 'to', problem: `must not lie before from (${from})${q.to ? '' : '; absent, it is now'}` },
    ]);
  const years = schoolYearStart(to) - schoolYearStart(from) + 1;
  if (years > MAX_REPORT_SCHOOL_YEARS)
    refuse('VALIDATION.INVALID', `the report period spans ${years} school years, more than ${MAX_REPORT_SCHOOL_YEARS}`, [
      { field: 'from', problem: `with to, must span at most ${MAX_REPORT_SCHOOL_YEARS} school years` },
      { field: 'to', problem: `with from, must span at most ${MAX_REPORT_SCHOOL_YEARS} school years` },
    ]);
};
