import { isoOf, ms, schoolYearEnd, schoolYearStart, startOfMonthAmsterdam } from '../src/ledger/domain/time';
import type { BoardReport, ReportScope } from './board-report';

export interface Suppressed {
  readonly suppressed: true;
}
export type SafeCount = number | Suppressed;

const SUPPRESSED: Suppressed = { suppressed: true };
const small = (n: number) => n >= 1 && n <= 4;
/** Rule 9: 5 or more goes to the nearest multiple of 5 (7 → 5, 8 → 10); 0 stays 0. */
const rounded = (n: number) => (n >= 5 ? Math.round(n / 5) * 5 : n);
/** Rule 9: a count from 1 to 4 could point at a family, so it is never shown; any other is rounded. */
const safe = (n: number): SafeCount => (small(n) ? SUPPRESSED : rounded(n));

/** What the works council's figures cover: whole school years, counted as of the end of the last whole month. */
export interface WorksCouncilScope {
  /** e.g. ["2024-2025", "2025-2026"]. */
  readonly schoolYears: readonly string[];
  /** 00:00 Amsterdam on the 1st of the running month (UTC ISO): nothing from it on is counted, by business time or by record time. */
  readonly asOf: string;
  /** The board report's scope that yields these figures: whole school years, up to `asOf`, as known at `asOf`. */
  readonly board: ReportScope;
}

/**
 * Rule 9: a `from`/`to` is widened to the school years it touches, the running school year is
 * counted as of the end of the last whole calendar month (Amsterdam), and so is what is known: two
 * requests with any `from`/`to` in the same years, in the same month, get the same figures.
 */
export const worksCouncilScope = (q: { readonly schoolId?: string; readonly from?: string; readonly to?: string }, now: string): WorksCouncilScope => {
  const asOf = startOfMonthAmsterdam(now);
  const last = isoOf(ms(asOf) - 1);
  const counted = (t: string) => (ms(t) < ms(last) ? t : last);
  const to = counted(q.to ?? now);
  const from = counted(q.from ?? to);
  const [first, final] = [schoolYearStart(from), schoolYearStart(to)].sort((a, b) => a - b);
  const schoolYears = Array.from({ length: final - first + 1 }, (_, i) => `${first + i}-${first + i + 1}`);
  const yearsEnd = isoOf(ms(schoolYearEnd(final)) - 1);
  const board = { schoolId: q.schoolId, from: schoolYearEnd(first - 1), to: ms(yearsEnd) < ms(last) ? yearsEnd : last, now: asOf, knownAt: last };
  return { schoolYears, asOf, board };
};

/**
 * The board's report as the works council may see it (rule 9): no pupil id anywhere; every count
 * 1–4 as `{"suppressed": true}`, every other rounded to the nearest 5; `rate` in whole percents
 * from the rounded counts, suppressed when it rests on a suppressed count or when the pupils without
 * consent in its row number 1–4 (the rate would give them away). The board keeps exact figures.
 */
export const worksCouncilReport = (r: BoardReport, scope: Pick<WorksCouncilScope, 'schoolYears' | 'asOf'>) => ({
  schoolId: r.schoolId,
  schoolYears: scope.schoolYears,
  asOf: scope.asOf,
  knownAt: scope.asOf,
  from: r.from,
  to: r.to,
  consentRates: r.consentRates.map(({ schoolId, schoolYear, purpose, pupils, active }) => {
    const hide = small(pupils) || small(active) || small(pupils - active);
    const rate = pupils === 0 ? null : hide ? SUPPRESSED : Math.round((100 * rounded(active)) / rounded(pupils));
    return { schoolId, schoolYear, purpose, pupils: safe(pupils), active: safe(active), rate };
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
