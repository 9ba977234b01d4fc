/**
 * The reference model's own reading of Dutch time, independent of the ledger's time module: the
 * platform's Intl data for wall clocks, and the plain facts that 1 August is always summer time
 * and that midnight never falls in a clock change.
 */
const wallFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Amsterdam',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Amsterdam wall clock of an instant: "YYYY-MM-DDTHH:mm:ss.sss". */
export const wallClock = (t: number): string => {
  const p = Object.fromEntries(wallFormat.formatToParts(t).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}.${String(((t % 1000) + 1000) % 1000).padStart(3, '0')}`;
};

const asUtc = (wall: string) => Date.parse(`${wall}Z`);

/** Amsterdam's offset from UTC at an instant, in minutes (60 in winter, 120 in summer). */
export const offsetMinutes = (t: number): number => Math.round((asUtc(wallClock(t)) - t) / 60_000);

/** Whether the wall clock of `t` happened twice (the night the clocks go back). */
export const isAmbiguous = (t: number): boolean => wallClock(t - 3_600_000) === wallClock(t) || wallClock(t + 3_600_000) === wallClock(t);

/** 00:00 Amsterdam of a date (YYYY-MM-DD): 22:00 or 23:00 UTC the day before. */
export const dayStart = (date: string): number => {
  const summer = asUtc(`${date}T00:00:00.000`) - 2 * 3_600_000;
  return wallClock(summer).startsWith(`${date}T00:00`) ? summer : summer + 3_600_000;
};

export const dateOf = (t: number): string => wallClock(t).slice(0, 10);

export const nextDate = (date: string): string => new Date(asUtc(`${date}T12:00:00.000`) + 86_400_000).toISOString().slice(0, 10);

/** The day `years` after `date`; 29 February falls on 1 March in a common year. */
export const anniversary = (date: string, years: number): string => {
  const y = Number(date.slice(0, 4)) + years;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return date.slice(5) === '02-29' && !leap ? `${y}-03-01` : `${y}${date.slice(4)}`;
};

/** End of the school year holding `t`: 1 August 00:00 Amsterdam, always summer time, so 31 July 22:00 UTC. */
export const schoolYearEndOf = (t: number): number => {
  const y = new Date(t).getUTCFullYear();
  const end = Date.UTC(y, 6, 31, 22);
  return t < end ? end : Date.UTC(y + 1, 6, 31, 22);
};

export type TimeForm = 'utc' | 'offset' | 'local';

/** An instant written in one of the forms the contract accepts; `local` may be refused (ambiguous). */
export const written = (t: number, form: TimeForm): string => {
  if (form === 'utc') return new Date(t).toISOString();
  const wall = wallClock(t);
  if (form === 'local') return wall;
  const off = offsetMinutes(t);
  return `${wall}+${String(Math.floor(off / 60)).padStart(2, '0')}:${String(off % 60).padStart(2, '0')}`;
};
