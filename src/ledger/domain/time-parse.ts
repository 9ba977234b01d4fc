import { refuse } from './errors';
import { amsterdamInstant, nextDay, startOfDayMs } from './time-amsterdam';
import { isoOf } from './time-instant';

/**
 * The one reader of times the ledger is given, in bodies, queries and the CLI alike: RFC 3339
 * date-times (`YYYY-MM-DDTHH:mm[:ss[.sss]]` with `Z` or an offset, or without one: Amsterdam
 * time), and dates where the contract allows them. Validation is this reader: a value is valid
 * exactly when it can be read, so the two can never disagree.
 */

/**
 * How a date alone is read in a field ("Time, in one place"): a start or a moment means 00:00
 * Amsterdam of that day; an end includes the whole day, so it ends at 00:00 of the next one
 * (`end`, exclusive) or at its last millisecond (`lastInstant`, for a period's inclusive `to`).
 */
export type DateReading = 'start' | 'end' | 'lastInstant' | 'refuse';

/** DESIGN's fields that may be dates, and how; every other time field needs a date-time. */
const DATE_READINGS: Readonly<Record<string, DateReading>> = {
  validFrom: 'start',
  at: 'start',
  knownAt: 'start',
  from: 'start',
  validUntil: 'end',
  until: 'end',
  endedAt: 'end',
  to: 'lastInstant',
};

export const dateReadingOf = (field: string): DateReading => DATE_READINGS[field] ?? 'refuse';

export interface ReadTime {
  /** Canonical UTC instant (`YYYY-MM-DDTHH:mm:ss.sssZ`) the value stands for in its field. */
  readonly instant: string;
  /** The first instant the value names: 00:00 Amsterdam for a date; the instant itself otherwise. */
  readonly earliest: string;
}

/** Why a value is not a time the ledger accepts; `problem` completes "<field> …". */
export class TimeFormatError extends Error {
  constructor(readonly problem: string) {
    super(problem);
    this.name = 'TimeFormatError';
  }
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?([Zz]|[+-]\d{2}:\d{2})?$/;
const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const EXAMPLE = 'an RFC 3339 date-time such as 2026-09-01T08:30:00+02:00 (or 2026-09-01T08:30, Amsterdam time)';

/** Forms ISO 8601 knows but the contract does not, each named so the client can fix it. */
const REFUSED_FORMS: readonly [RegExp, string][] = [
  [/^[+-]/, 'must not carry a sign or an expanded year; give four digits'],
  [/^\d{4}-?W\d/i, 'is a week date; give a calendar date'],
  [/^\d{4}-\d{3}(?!\d)/, 'is an ordinal date; give a calendar date'],
  [/^\d{4}-\d{2}$/, 'names a month, not a day'],
  [/^\d{8}|T\d{4}|T\d{2}(?=$|[Zz+-])|:\d{2}\d/, 'uses the basic or a shortened format; give YYYY-MM-DDTHH:mm with - and :'],
  [/\d,\d/, 'has a decimal comma; use a point'],
  [/\.\d{4,}/, 'has more than three fraction digits; give at most milliseconds'],
];

const daysIn = (year: number, month: number) =>
  [31, (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];

const checkDay = (y: number, mo: number, d: number): void => {
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) throw new TimeFormatError('is not a real calendar date');
};

const utcMs = (y: number, mo: number, d: number, h: number, mi: number, s: number, msec: number): number => {
  const t = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not read years 0-99 as 1900-1999.
  t.setUTCFullYear(y, mo - 1, d);
  t.setUTCHours(h, mi, s, msec);
  return t.getTime();
};

const canonical = (epochMs: number): string => {
  const iso = Number.isFinite(epochMs) ? isoOf(epochMs) : '';
  if (!CANONICAL.test(iso)) throw new TimeFormatError('lies outside the years 0001–9999');
  return iso;
};

/** A calendar date (YYYY-MM-DD) that exists; answers it unchanged. */
export const readDate = (value: unknown): string => {
  if (typeof value !== 'string') throw new TimeFormatError('must be a date (YYYY-MM-DD) given as a string');
  const m = DATE.exec(value);
  if (!m) throw new TimeFormatError('must be a date (YYYY-MM-DD)');
  checkDay(+m[1], +m[2], +m[3]);
  return value;
};

const readDateTime = (value: string): string => {
  const m = DATE_TIME.exec(value);
  if (!m || (m[7] !== undefined && m[7].length > 3)) {
    const known = REFUSED_FORMS.find(([form]) => form.test(value));
    throw new TimeFormatError(known ? known[1] : `must be ${EXAMPLE}`);
  }
  const [y, mo, d, h, mi] = [+m[1], +m[2], +m[3], +m[4], +m[5]];
  const s = m[6] === undefined ? 0 : +m[6];
  const msec = m[7] === undefined ? 0 : +m[7].padEnd(3, '0');
  checkDay(y, mo, d);
  if (h > 23 || mi > 59 || s > 59) throw new TimeFormatError('is not a time of day (00:00:00–23:59:59)');
  const zone = m[8];
  if (zone === undefined) {
    const t = amsterdamInstant({ year: y, month: mo, day: d, hour: h, minute: mi, second: s, millisecond: msec });
    if (t === 'gap') throw new TimeFormatError('does not exist in Amsterdam: the clocks skip from 02:00 to 03:00 that night; give an offset');
    if (t === 'overlap')
      throw new TimeFormatError('happened twice in Amsterdam: the clocks go back from 03:00 to 02:00 that night; give the offset (+02:00 or +01:00)');
    return canonical(t);
  }
  if (zone === 'Z' || zone === 'z') return canonical(utcMs(y, mo, d, h, mi, s, msec));
  const [oh, om] = [+zone.slice(1, 3), +zone.slice(4, 6)];
  if (oh > 23 || om > 59) throw new TimeFormatError('has an offset that is not one (±00:00–±23:59)');
  const offset = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  return canonical(utcMs(y, mo, d, h, mi, s, msec) - offset);
};

/**
 * Reads a time as its field reads it. Throws TimeFormatError saying what is wrong: a form the
 * contract does not accept, a day or time that does not exist, an Amsterdam local time skipped or
 * repeated at a clock change, or a date where a date-time is needed.
 */
export const readTime = (value: unknown, dates: DateReading): ReadTime => {
  if (typeof value !== 'string') throw new TimeFormatError(`must be ${EXAMPLE}, given as a string`);
  if (DATE.test(value)) {
    if (dates === 'refuse') throw new TimeFormatError(`must be a date and a time, not a date alone: ${EXAMPLE}`);
    readDate(value);
    const start = startOfDayMs(value);
    const end = dates === 'start' ? start : startOfDayMs(nextDay(value)) - (dates === 'lastInstant' ? 1 : 0);
    return { instant: canonical(end), earliest: canonical(start) };
  }
  const instant = readDateTime(value);
  return { instant, earliest: instant };
};

/** What is wrong with a field's time, or null when it reads; for validators. */
export const timeProblem = (field: string, value: unknown): string | null => problemOf(() => readTime(value, dateReadingOf(field)));

/** What is wrong with a date, or null when it is a real calendar day; for validators. */
export const dateProblem = (value: unknown): string | null => problemOf(() => readDate(value));

const problemOf = (read: () => unknown): string | null => {
  try {
    read();
    return null;
  } catch (e) {
    if (e instanceof TimeFormatError) return e.problem;
    throw e;
  }
};

/** Reads a field's time for a decision or a query; refuses with VALIDATION.INVALID (400) naming the field. */
export const readTimeField = (field: string, value: unknown): ReadTime => {
  try {
    return readTime(value, dateReadingOf(field));
  } catch (e) {
    if (!(e instanceof TimeFormatError)) throw e;
    return refuse('VALIDATION.INVALID', `${field} ${e.problem}`, [{ field, problem: e.problem }]);
  }
};

/** The canonical UTC instant of a field's time (see readTimeField). */
export const parseTimeField = (field: string, value: unknown): string => readTimeField(field, value).instant;

/** A field's date (YYYY-MM-DD); refuses with VALIDATION.INVALID (400) naming the field. */
export const parseDateField = (field: string, value: unknown): string => {
  try {
    return readDate(value);
  } catch (e) {
    if (!(e instanceof TimeFormatError)) throw e;
    return refuse('VALIDATION.INVALID', `${field} ${e.problem}`, [{ field, problem: e.problem }]);
  }
};
