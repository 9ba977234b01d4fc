/** Allowed clock skew between a client and the server for business times. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Normalises any ISO-8601 instant (or a date, taken as 00:00 UTC) to UTC with milliseconds. */
export const toInstant = (iso: string): string => new Date(iso).toISOString();

export const ms = (iso: string): number => Date.parse(iso);

export const isAfter = (a: string, b: string): boolean => ms(a) > ms(b);

/**
 * A school year runs 1 August – 31 July. It ends on 1 August 00:00 Europe/Amsterdam, which is
 * always summer time (UTC+2), so the boundary is 31 July 22:00 UTC in every year.
 */
export const schoolYearEnd = (startYear: number): string => {
  // Asked for every yearly consent folded; formatting a date costs more than the rest of the fold.
  let end = yearEnds.get(startYear);
  if (end === undefined) yearEnds.set(startYear, (end = new Date(Date.UTC(startYear + 1, 6, 31, 22)).toISOString()));
  return end;
};
const yearEnds = new Map<number, string>();

/** The calendar year in which the school year holding `instant` began. */
export const schoolYearStart = (instant: string): number => {
  const t = ms(instant);
  const year = new Date(t).getUTCFullYear();
  return t >= Date.UTC(year, 6, 31, 22) ? year : year - 1;
};

/** The label boards use, e.g. "2025-2026". */
export const schoolYearLabel = (instant: string): string => {
  const start = schoolYearStart(instant);
  return `${start}-${start + 1}`;
};

/** When a yearly consent given at `givenAt` lapses: the end of that school year. */
export const yearlyLapse = (givenAt: string): string => schoolYearEnd(schoolYearStart(givenAt));

/** Same calendar day `years` later, in UTC; 29 February moves to 1 March in a common year. */
export const addYears = (date: string, years: number): string => {
  const d = new Date(date);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString();
};

/** Full years between a birth date and a moment (a birthday counts from its first instant, UTC). */
export const ageAt = (birthDate: string, at: string): number => {
  const b = new Date(birthDate);
  const t = new Date(at);
  let age = t.getUTCFullYear() - b.getUTCFullYear();
  const beforeBirthday =
    t.getUTCMonth() < b.getUTCMonth() || (t.getUTCMonth() === b.getUTCMonth() && t.getUTCDate() < b.getUTCDate());
  if (beforeBirthday) age -= 1;
  return age;
};

export const daysBetween = (from: string, to: string): number => Math.floor((ms(to) - ms(from)) / DAY_MS);

export const earliest = (...instants: (string | undefined)[]): string | undefined =>
  instants.filter((i): i is string => i !== undefined).sort((a, b) => ms(a) - ms(b))[0];

/**
 * Refuses a business time later than now (beyond clock skew). A calendar date counts from its first
 * instant in the Netherlands (up to two hours before 00:00 UTC), so "today" is never in the future.
 */
export const isInFuture = (value: string, now: string): boolean => {
  const isDate = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const start = ms(value) - (isDate ? 2 * 60 * 60 * 1000 : 0);
  return start > ms(now) + CLOCK_SKEW_MS;
};
