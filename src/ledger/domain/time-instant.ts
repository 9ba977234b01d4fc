/**
 * Instants as the ledger keeps them: canonical UTC strings `YYYY-MM-DDTHH:mm:ss.sssZ`, made at the
 * edges by the parser (time-parse.ts) or the clock. Folds compare them through these helpers only:
 * cheap arithmetic on epoch milliseconds, never a time zone, never a Temporal object.
 */

/** Allowed clock skew between a client and the server for business times (rule 11), in ms. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Epoch milliseconds of a canonical UTC instant (the only string form the ledger stores). */
export const ms = (instant: string): number => Date.parse(instant);

/** The canonical UTC string of epoch milliseconds. */
export const isoOf = (epochMs: number): string => new Date(epochMs).toISOString();

export const isAfter = (a: string, b: string): boolean => ms(a) > ms(b);

/** The earliest of some instants, ignoring absent ones; undefined when none is given. */
export const earliest = (...instants: (string | null | undefined)[]): string | undefined => {
  let best: string | undefined;
  let bestMs = Infinity;
  for (const i of instants) {
    if (i === undefined || i === null) continue;
    const t = ms(i);
    if (t < bestMs) {
      best = i;
      bestMs = t;
    }
  }
  return best;
};
