import { isoOf, ms, schoolYearBegin, schoolYearEnd, schoolYearStart } from '../ledger/domain/time';

/** How many school years "over time" covers: the one chosen and those before it. */
export const YEARS_SHOWN = 5;

/** The school years a report page covers, and the period it asks the report for (times as a client gives them). */
export interface ReportPeriod {
  /** The school year chosen (its start year), or null for the last YEARS_SHOWN. */
  readonly year: number | null;
  /** From the first school year to the last, start years, for the trend over time. */
  readonly first: number;
  readonly last: number;
  /** The chosen period: from the start of its first school year to the end of its last, or now. */
  readonly from: string;
  readonly to: string | undefined;
  /** The school years a reader may choose from, newest first. */
  readonly choices: readonly number[];
}

/**
 * A report page's period from its `year` field: a school year's start year ("2025" for 2025-2026),
 * "all" for the last YEARS_SHOWN, or nothing for the running school year (as the API's reports default).
 */
export const reportPeriod = (year: string | undefined, now: string): ReportPeriod => {
  const running = schoolYearStart(now);
  const chosen = year === 'all' ? null : year ? Math.min(Number(year), running) : running;
  const last = chosen ?? running;
  const first = last - (YEARS_SHOWN - 1);
  const to = last === running ? undefined : isoOf(ms(schoolYearEnd(last)) - 1);
  const choices = Array.from({ length: YEARS_SHOWN }, (_, i) => running - i);
  if (chosen !== null && !choices.includes(chosen)) choices.push(chosen);
  return { year: chosen, first, last, from: schoolYearBegin(chosen ?? first), to, choices };
};

/** The label boards use for a school year, e.g. "2025-2026". */
export const yearLabel = (startYear: number): string => `${startYear}-${startYear + 1}`;
