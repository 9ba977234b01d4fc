import type { BoardReport } from './board-report';

export interface Suppressed {
  readonly suppressed: true;
}
export type SafeCount = number | Suppressed;

const SUPPRESSED: Suppressed = { suppressed: true };
/** Rule 9: a count from 1 to 4 could point at a pupil, so it is never shown. */
const small = (n: number) => n >= 1 && n <= 4;
const safe = (n: number): SafeCount => (small(n) ? SUPPRESSED : n);

/**
 * The board's report for the works council: no pupil id anywhere, every count 1–4 suppressed, and
 * a rate suppressed when it is built on a small count, or when its complement (pupils without
 * consent) is small, since that could be worked back from the rate.
 */
export const worksCouncilReport = (r: BoardReport) => ({
  schoolId: r.schoolId,
  from: r.from,
  to: r.to,
  consentRates: r.consentRates.map(({ pupils, active, rate, ...row }) => {
    const hide = small(pupils) || small(active) || small(pupils - active);
    return { ...row, pupils: safe(pupils), active: hide ? SUPPRESSED : active, rate: hide ? SUPPRESSED : rate };
  }),
  refusals: r.refusals.map((row) => ({ ...row, count: safe(row.count) })),
  withdrawals: r.withdrawals.map((row) => ({ ...row, count: safe(row.count) })),
  sharings: r.sharings.map((row) => ({ ...row, count: safe(row.count) })),
  destructions: {
    destroyed: {
      retention_expired: safe(r.destructions.destroyed.retention_expired),
      erasure_request: safe(r.destructions.destroyed.erasure_request),
    },
    due: safe(r.destructions.due),
    overdue: safe(r.destructions.overdue),
  },
});
