const AMSTERDAM = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Amsterdam',
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** Amsterdam's wall clock at an instant, as if it were UTC: the difference is the offset (ms). */
const wallClock = (t: number): number => {
  const p = Object.fromEntries(AMSTERDAM.formatToParts(new Date(t)).map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
};
const offsetAt = (t: number): number => wallClock(t) - Math.floor(t / 1000) * 1000;

/**
 * The first instant of the calendar month holding `instant`, in Amsterdam (00:00 on the 1st, summer
 * or winter time by the platform's time-zone database), as UTC with milliseconds: the end of the
 * last whole month before `instant` (rule 9). No month begins during a clock change, so the offset
 * at that midnight is unambiguous.
 */
export const startOfMonthAmsterdam = (instant: string): string => {
  const local = new Date(wallClock(Date.parse(instant)));
  const midnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1);
  return new Date(midnight - offsetAt(midnight - offsetAt(midnight))).toISOString();
};
