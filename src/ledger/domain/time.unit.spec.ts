import {
  TimeFormatError,
  amsterdamDate,
  amsterdamWallMs,
  deadline,
  readDate,
  readTime,
  sameDayYearsLater,
  schoolYearEnd,
  schoolYearLabel,
  schoolYearStart,
  startOfDay,
  startOfMonthAmsterdam,
  readableDate,
  readableDateTime,
  timeProblem,
  yearlyLapse,
} from './time';
import { parseTimeField } from './time-parse';
import { DomainError } from './errors';

const instant = (value: string, dates: 'start' | 'end' | 'lastInstant' | 'refuse' = 'refuse') => readTime(value, dates).instant;
const problem = (value: unknown, dates: 'start' | 'refuse' = 'start') => {
  try {
    readTime(value, dates);
  } catch (e) {
    if (e instanceof TimeFormatError) return e.problem;
    throw e;
  }
  return null;
};

describe('reading RFC 3339 date-times into canonical UTC instants', () => {
  it.each([
    ['2026-10-01T09:00:00Z', '2026-10-01T09:00:00.000Z'],
    ['2026-10-01T09:00Z', '2026-10-01T09:00:00.000Z'],
    ['2026-10-01t09:00:00.5z', '2026-10-01T09:00:00.500Z'],
    ['2026-10-01T09:00:00.12+02:00', '2026-10-01T07:00:00.120Z'],
    ['2026-10-01T00:30:00-09:30', '2026-10-01T10:00:00.000Z'],
    ['2026-12-31T23:59:59.999+14:00', '2026-12-31T09:59:59.999Z'],
    ['0099-01-01T00:00:00Z', '0099-01-01T00:00:00.000Z'],
  ])('%s is %s', (value, expected) => expect(instant(value)).toBe(expected));

  it('reads a time without an offset as Amsterdam time, winter and summer', () => {
    expect(instant('2026-01-15T09:00')).toBe('2026-01-15T08:00:00.000Z');
    expect(instant('2026-10-01T09:00:00')).toBe('2026-10-01T07:00:00.000Z');
    expect(instant('2026-08-01T00:00:00.000')).toBe('2026-07-31T22:00:00.000Z');
  });

  it('refuses an Amsterdam time the clocks skipped or repeated, and accepts the same with an offset', () => {
    expect(problem('2026-03-29T02:30')).toMatch(/does not exist in Amsterdam/);
    expect(problem('2026-10-25T02:30:00')).toMatch(/happened twice in Amsterdam/);
    expect(instant('2026-10-25T02:30:00+02:00')).toBe('2026-10-25T00:30:00.000Z');
    expect(instant('2026-10-25T02:30:00+01:00')).toBe('2026-10-25T01:30:00.000Z');
    expect(instant('2026-03-29T01:59:59.999')).toBe('2026-03-29T00:59:59.999Z');
    expect(instant('2026-03-29T03:00')).toBe('2026-03-29T01:00:00.000Z');
  });

  it.each([
    ['2026-W40-1', /week date/],
    ['2026W401', /week date/],
    ['2026-274', /ordinal date/],
    ['2026-10-01T0900Z', /basic or a shortened/],
    ['20261001T090000Z', /basic or a shortened/],
    ['2026-10-01T09Z', /basic or a shortened/],
    ['2026-10-01T09:00:00,5Z', /decimal comma/],
    ['2026-10-01T09:00:00.1234Z', /more than three fraction digits/],
    ['+2026-10-01T09:00:00Z', /sign or an expanded year/],
    ['-2026-10-01T09:00:00Z', /sign or an expanded year/],
    ['+002026-10-01T09:00:00Z', /sign or an expanded year/],
    ['2026-10', /names a month/],
    ['2026-02-29T09:00Z', /not a real calendar date/],
    ['2026-13-01T09:00Z', /not a real calendar date/],
    ['2026-10-01T24:00Z', /not a time of day/],
    ['2026-10-01T23:59:60Z', /not a time of day/],
    ['2026-10-01T09:00+24:00', /offset/],
    ['2026-10-01 09:00Z', /RFC 3339/],
    ['yesterday', /RFC 3339/],
    ['', /RFC 3339/],
    ['2026-10-01T09:00:00.Z', /RFC 3339/],
    ['9999-12-31T23:00-01:00', /outside the years/],
  ])('refuses %p, saying why', (value, why) => expect(problem(value)).toMatch(why));

  it('refuses what is not a string', () => {
    for (const value of [20261001, null, {}, ['2026-10-01T09:00Z'], true]) expect(problem(value)).toMatch(/string/);
  });
});

describe('dates alone: a Dutch calendar day', () => {
  it('is 00:00 Amsterdam where it starts or names a moment, in winter and in summer', () => {
    expect(instant('2026-01-15', 'start')).toBe('2026-01-14T23:00:00.000Z');
    expect(instant('2026-09-01', 'start')).toBe('2026-08-31T22:00:00.000Z');
  });

  it('includes the whole day where it ends: validUntil 31 December ends at 00:00 on 1 January', () => {
    expect(instant('2026-12-31', 'end')).toBe('2026-12-31T23:00:00.000Z');
    expect(instant('2026-12-31', 'lastInstant')).toBe('2026-12-31T22:59:59.999Z');
    // The night the clocks go back lasts 25 hours; its day still ends at the next 00:00.
    expect(instant('2026-10-25', 'end')).toBe('2026-10-25T23:00:00.000Z');
  });

  it('follows the field: DESIGN names the fields that may be dates', () => {
    expect(timeProblem('validUntil', '2026-12-31')).toBeNull();
    expect(timeProblem('to', '2026-12-31')).toBeNull();
    expect(timeProblem('givenAt', '2026-12-31')).toMatch(/not a date alone/);
    expect(parseTimeField('until', '2026-06-30')).toBe('2026-06-30T22:00:00.000Z');
    expect(parseTimeField('at', '2026-06-30')).toBe('2026-06-29T22:00:00.000Z');
  });

  it('refuses a date that does not exist, with a 400 naming the field', () => {
    expect(() => readDate('2026-02-29')).toThrow(TimeFormatError);
    expect(readDate('2028-02-29')).toBe('2028-02-29');
    let caught: unknown;
    try {
      parseTimeField('validUntil', '2026-02-30');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect(caught).toMatchObject({ code: 'VALIDATION.INVALID', details: [{ field: 'validUntil', problem: 'is not a real calendar date' }] });
  });

  it('knows the Amsterdam day of an instant', () => {
    expect(amsterdamDate('2026-02-28T23:30:00.000Z')).toBe('2026-03-01');
    expect(amsterdamDate('2026-07-31T21:59:59.999Z')).toBe('2026-07-31');
    expect(startOfDay('2026-03-29')).toBe('2026-03-28T23:00:00.000Z');
  });

  it('reads instants and days out to Dutch and English readers in Amsterdam time', () => {
    expect(readableDateTime('2025-09-01T08:00:00.000Z', 'nl')).toBe('1 september 2025 om 10:00');
    expect(readableDateTime('2025-12-31T23:30:00.000Z', 'en')).toBe('1 January 2026 at 00:30');
    expect(readableDate('2027-09-01', 'nl')).toBe('1 september 2027');
    expect(readableDate('2027-03-28', 'en')).toBe('28 March 2027');
  });

  it('gives the Amsterdam wall clock as UTC milliseconds, for charts drawn in UTC', () => {
    // 00:30 on 1 January in Amsterdam (winter), 02:30 on 29 March (just after the clocks went forward).
    expect(new Date(amsterdamWallMs('2025-12-31T23:30:00.000Z')).toISOString()).toBe('2026-01-01T00:30:00.000Z');
    expect(new Date(amsterdamWallMs('2026-03-29T01:30:00.000Z')).toISOString()).toBe('2026-03-29T03:30:00.000Z');
  });
});

describe('school years and deadlines', () => {
  it('ends the school year begun in 9999, the last year a time may be given in, without failing', () => {
    expect(schoolYearEnd(9999)).toBe('+010000-07-31T22:00:00.000Z');
    expect(schoolYearStart('9999-12-31T23:59:59.999Z')).toBe(9999);
  });

  it('turns the school year at 1 August 00:00 Amsterdam', () => {
    expect(schoolYearStart('2026-07-31T21:59:59.999Z')).toBe(2025);
    expect(schoolYearStart('2026-07-31T22:00:00.000Z')).toBe(2026);
    expect(schoolYearEnd(2025)).toBe('2026-07-31T22:00:00.000Z');
    expect(schoolYearLabel('2026-01-01T00:00:00.000Z')).toBe('2025-2026');
    expect(yearlyLapse('2025-09-01T07:00:00.000Z')).toBe('2026-07-31T22:00:00.000Z');
  });

  it('moves a 29 February birthday or anniversary to 1 March in a common year', () => {
    expect(sameDayYearsLater('2008-02-29', 16)).toBe('2024-02-29');
    expect(sameDayYearsLater('2010-02-28', 16)).toBe('2026-02-28');
    expect(sameDayYearsLater('2009-02-28', 16)).toBe('2025-02-28');
    expect(sameDayYearsLater('2012-02-29', 2)).toBe('2014-03-01');
  });

  it('starts a month at 00:00 Amsterdam on its 1st, summer or winter', () => {
    expect(startOfMonthAmsterdam('2026-03-31T22:30:00.000Z')).toBe('2026-03-31T22:00:00.000Z');
    expect(startOfMonthAmsterdam('2026-03-31T21:59:59.999Z')).toBe('2026-02-28T23:00:00.000Z');
    expect(startOfMonthAmsterdam('2026-11-15T12:00:00.000Z')).toBe('2026-10-31T23:00:00.000Z');
  });

  it('starts a deadline at 00:00 Amsterdam of its day', () => {
    expect(deadline('2010-03-01', 16)).toBe('2026-02-28T23:00:00.000Z');
    expect(deadline('2010-07-01', 16)).toBe('2026-06-30T22:00:00.000Z');
  });
});
