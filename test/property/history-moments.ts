import { dateOf, dayStart, nextDate } from './amsterdam-clock';
import type { Back, End } from './histories';
import type { ReferenceLedger } from './reference-ledger';

/** Where in time a history's commands land, and the moments at which the ledger's answers change (ms since the epoch, UTC). */
export const T0 = Date.parse('2025-08-25T08:00:00.000Z');
export const DAY = 86_400_000;
export const iso = (t: number) => new Date(t).toISOString();
// School-year ends and clock changes around the histories, where off-by-an-hour mistakes live.
export const EDGES = [
  '2025-07-31T22:00:00Z',
  '2026-07-31T22:00:00Z',
  '2027-07-31T22:00:00Z',
  '2025-10-26T01:00:00Z',
  '2026-03-29T01:00:00Z',
  '2026-10-25T01:00:00Z',
  '2027-03-28T01:00:00Z',
].map(Date.parse);

/** The edges up to `now`: the fixed ones, today's start, and each pupil's 16th birthday and end of retention. */
const edges = (model: ReferenceLedger, now: number): number[] => {
  const personal = [...model.pupils.values()].flatMap((p) => [model.sixteenFrom(p), model.retentionFrom(p)]);
  return [...EDGES, dayStart(dateOf(now)), ...personal].filter((e): e is number => e !== null && e <= now);
};

/** The business time a command names: now, some time ago, just after a recorded fact, or near an edge; never after now. */
export const resolve = (model: ReferenceLedger, now: number, back: Back): number => {
  if (back.mode === 'now') return now;
  if (back.mode === 'ago') return now - back.ms;
  if (back.mode === 'afterFact') {
    const facts = model.facts;
    return facts.length === 0 ? now : Math.min(now, facts[back.pick % facts.length].at + back.delta);
  }
  const near = edges(model, now);
  return Math.min(now, near[back.pick % near.length] + back.delta);
};

/** An end `end.days` after `from`, as typed (an instant, or a calendar day that ends at the next day's start) and as a moment. */
export const endOf = (from: number, end: End): { text: string; at: number } | undefined => {
  if (!end) return undefined;
  const t = from + end.days * DAY;
  return end.dateOnly ? { text: dateOf(t), at: dayStart(nextDate(dateOf(t))) } : { text: iso(t), at: t };
};

/** The facts' own moments, a millisecond either side, and the school-year ends: where answers change. */
export const probeMoments = (model: ReferenceLedger, now: number): number[] => {
  const pts = [
    ...model.facts.flatMap((f) => [f.at - 1, f.at, ...(f.endsAt === null ? [] : [f.endsAt - 1, f.endsAt])]),
    ...model.sharings.flatMap((s) => [s.at, ...(s.until === null ? [] : [s.until - 1, s.until])]),
    ...[...model.pupils.values()].flatMap((p) => (p.destroyedAt === null ? [] : [p.destroyedAt - 1, p.destroyedAt])),
    ...EDGES,
    T0,
    now,
  ];
  return [...new Set(pts)].sort((a, b) => a - b);
};
