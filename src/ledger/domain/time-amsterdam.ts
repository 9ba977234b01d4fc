import { Temporal } from '@js-temporal/polyfill';
import { isoOf, ms } from './time-instant';

/**
 * Dutch calendar time ("Time, in one place"): local times, calendar days, school years and
 * deadlines, all in Europe/Amsterdam whatever zone the host runs in. The zone rules come from
 * the Temporal polyfill (over the platform's ICU data), never from our own offset arithmetic.
 * Temporal objects are made only here and only at the edges; what folds ask for is cached.
 */
export const ZONE = 'Europe/Amsterdam';

export interface LocalDateTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
}

/**
 * The instant (epoch ms) of an Amsterdam wall-clock time, or why there is none: `gap` when the
 * clocks jumped over it (last Sunday of March, 02:00–03:00), `overlap` when it happened twice
 * (last Sunday of October, 02:00–03:00).
 */
export const amsterdamInstant = (local: LocalDateTime): number | 'gap' | 'overlap' => {
  const wall = Temporal.PlainDateTime.from(local);
  try {
    return wall.toZonedDateTime(ZONE, { disambiguation: 'reject' }).epochMilliseconds;
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    // 'compatible' moves a time in a gap forward and keeps one in an overlap as written.
    const resolved = wall.toZonedDateTime(ZONE, { disambiguation: 'compatible' }).toPlainDateTime();
    return Temporal.PlainDateTime.compare(resolved, wall) === 0 ? 'overlap' : 'gap';
  }
};

/** The calendar day after a date (YYYY-MM-DD). */
export const nextDay = (date: string): string => Temporal.PlainDate.from(date).add({ days: 1 }).toString();

const dayStarts = new Map<string, number>();

/** 00:00 Amsterdam of a calendar day (YYYY-MM-DD), in epoch ms; cached, as reports ask per pupil. */
export const startOfDayMs = (date: string): number => {
  let t = dayStarts.get(date);
  if (t === undefined) {
    t = Temporal.PlainDate.from(date).toZonedDateTime({ timeZone: ZONE }).epochMilliseconds;
    if (dayStarts.size > 100_000) dayStarts.clear();
    dayStarts.set(date, t);
  }
  return t;
};

/** 00:00 Amsterdam of a calendar day, as a canonical UTC instant. */
export const startOfDay = (date: string): string => isoOf(startOfDayMs(date));

/** The Amsterdam calendar day (YYYY-MM-DD) an instant falls on. */
export const amsterdamDate = (instant: string): string => Temporal.Instant.fromEpochMilliseconds(ms(instant)).toZonedDateTimeISO(ZONE).toPlainDate().toString();

/** An Amsterdam wall-clock reading of an instant, e.g. "2026-03-01 00:30" — for messages people read. */
export const amsterdamWallClock = (instant: string): string => {
  const z = Temporal.Instant.fromEpochMilliseconds(ms(instant)).toZonedDateTimeISO(ZONE);
  return `${z.toPlainDate().toString()} ${z.toPlainTime().toString({ smallestUnit: 'minute' })}`;
};

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * The same calendar day `years` later; a birthday or anniversary on 29 February falls on 1 March
 * in a common year ("Time, in one place").
 */
export const sameDayYearsLater = (date: string, years: number): string => {
  const [y, m, d] = date.split('-').map(Number);
  const year = y + years;
  const [month, day] = m === 2 && d === 29 && !isLeap(year) ? [3, 1] : [m, d];
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
};

/** A deadline on a Dutch calendar day: 00:00 Amsterdam of the day `years` after `date`. */
export const deadline = (date: string, years: number): string => startOfDay(sameDayYearsLater(date, years));

const yearStarts = new Map<number, number>();

/** 1 August 00:00 Amsterdam of a calendar year, in epoch ms: when the school year `year`–`year+1` begins. */
const schoolYearBeginMs = (year: number): number => {
  let t = yearStarts.get(year);
  // A year past 9999 (the end of a school year begun in 9999) is written in ISO 8601's expanded form.
  const y = year > 9999 ? `+${String(year).padStart(6, '0')}` : String(year).padStart(4, '0');
  if (t === undefined) yearStarts.set(year, (t = startOfDayMs(`${y}-08-01`)));
  return t;
};

const yearEnds = new Map<number, string>();

/** When the school year that began in `startYear` ends: 1 August 00:00 Amsterdam of the next year. */
export const schoolYearEnd = (startYear: number): string => {
  // Asked for every yearly consent folded: formatted once per year.
  let end = yearEnds.get(startYear);
  if (end === undefined) yearEnds.set(startYear, (end = isoOf(schoolYearBeginMs(startYear + 1))));
  return end;
};

/** The calendar year in which the school year holding `instant` began (a school year starts 1 August). */
export const schoolYearStart = (instant: string): number => {
  const t = ms(instant);
  // 1 August lies far from New Year, so the UTC year is the Amsterdam year there.
  const year = new Date(t).getUTCFullYear();
  return t >= schoolYearBeginMs(year) ? year : year - 1;
};

/** 1 August 00:00 Amsterdam opening the school year that began in `startYear`, as an instant. */
export const schoolYearBegin = (startYear: number): string => isoOf(schoolYearBeginMs(startYear));

/** The label boards use, e.g. "2025-2026". */
export const schoolYearLabel = (instant: string): string => {
  const start = schoolYearStart(instant);
  return `${start}-${start + 1}`;
};

/** Rule 3: when a yearly consent given at `givenAt` lapses — the end of that school year. */
export const yearlyLapse = (givenAt: string): string => schoolYearEnd(schoolYearStart(givenAt));

const dutch = new Intl.DateTimeFormat('nl-NL', { timeZone: ZONE, dateStyle: 'long', timeStyle: 'short' });

/** An instant as a Dutch reader reads it, in Amsterdam time: "1 september 2025 om 10:00". */
export const dutchDateTime = (instant: string): string => dutch.format(ms(instant));

/** 00:00 Amsterdam on the 1st of the calendar month holding `instant`: the end of the last whole month before it (rule 9). */
export const startOfMonthAmsterdam = (instant: string): string => startOfDay(`${amsterdamDate(instant).slice(0, 8)}01`);

/** The languages pages are read in (DESIGN, pages: Dutch first, English by `?lang=en`). */
export type ReaderLanguage = 'nl' | 'en';

const readers: Record<ReaderLanguage, { dateTime: Intl.DateTimeFormat; date: Intl.DateTimeFormat }> = {
  nl: { dateTime: dutch, date: new Intl.DateTimeFormat('nl-NL', { timeZone: ZONE, dateStyle: 'long' }) },
  en: {
    dateTime: new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, dateStyle: 'long', timeStyle: 'short' }),
    date: new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, dateStyle: 'long' }),
  },
};

/** An instant as a reader of `lang` reads it, in Amsterdam time: "1 september 2025 om 10:00", "1 September 2025 at 10:00". */
export const readableDateTime = (instant: string, lang: ReaderLanguage): string => readers[lang].dateTime.format(ms(instant));

/** A Dutch calendar day (YYYY-MM-DD) as a reader of `lang` reads it: "1 september 2027", "1 September 2027". */
export const readableDate = (date: string, lang: ReaderLanguage): string => readers[lang].date.format(startOfDayMs(date));

/** A calendar day (YYYY-MM-DD), or the Amsterdam day an instant falls on, as a Dutch reader reads it: "1 september 2025". */
export const dutchDate = (dateOrInstant: string): string =>
  readers.nl.date.format(/^\d{4}-\d\d-\d\d$/.test(dateOrInstant) ? startOfDayMs(dateOrInstant) : ms(dateOrInstant));

/**
 * The Amsterdam wall-clock time of an instant, as epoch ms of that same reading in UTC: for a chart
 * whose time axis is drawn in UTC, so that it shows Dutch days and hours whatever the host's zone.
 */
export const amsterdamWallMs = (instant: string): number =>
  Temporal.Instant.fromEpochMilliseconds(ms(instant)).toZonedDateTimeISO(ZONE).toPlainDateTime().toZonedDateTime('UTC').epochMilliseconds;
