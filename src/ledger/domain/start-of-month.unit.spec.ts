import { startOfMonthAmsterdam } from './time';

describe('the end of the last whole calendar month, in Amsterdam', () => {
  it.each([
    ['2026-03-15T12:00:00.000Z', '2026-02-28T23:00:00.000Z'], // 1 March 00:00 CET
    ['2026-04-15T12:00:00.000Z', '2026-03-31T22:00:00.000Z'], // 1 April 00:00 CEST
    ['2026-11-10T08:00:00.000Z', '2026-10-31T23:00:00.000Z'], // 1 November, after the autumn change
    ['2026-08-01T00:30:00+02:00', '2026-07-31T22:00:00.000Z'], // just past 1 August 00:00: the school year's start
    ['2026-07-31T23:59:59+02:00', '2026-06-30T22:00:00.000Z'], // still July in Amsterdam, though August in UTC
    ['2026-01-01T00:00:00+01:00', '2025-12-31T23:00:00.000Z'], // the very first instant of a month is that month
  ])('at %s the running month began at %s', (now, start) => expect(startOfMonthAmsterdam(now)).toBe(start));
});
