import type { TopLevelSpec } from 'vega-lite';
import { decisionBars, rateHeatmap, type RateCell, sharingBars } from '../charts/specs';
import type { PageContext } from '../html/page-context';
import { basisLabel, purposeLabel } from '../html/parts';
import { yearLabel } from '../report-period';

/**
 * The figures the board's and the works council's pages chart, in one shape for both: a count or
 * rate the works council may not see arrives as null (hidden, rule 9), and is drawn as such.
 */
export interface ChartFigures {
  readonly rates: readonly { schoolId: string; schoolYear: string; purpose: string; rate: number | null; hidden: boolean }[];
  readonly decisions: readonly { schoolYear: string; kind: 'refusals' | 'withdrawals'; count: number | null }[];
  readonly sharings: readonly { recipientId: string; legalBasis: string; count: number | null }[];
}

const LEGAL_BASES = ['consent', 'legal_obligation', 'processor_agreement'];

/**
 * A bar over several rows: the sum of the counts shown; a hidden count (null) is never guessed at,
 * the bar says that some are left out ("12 + hidden"), or is hidden when all are.
 */
const total = (ctx: PageContext, counts: readonly (number | null)[]): { count: number | null; text: string } => {
  const shown = counts.filter((c): c is number => c !== null);
  if (counts.length > 0 && shown.length === 0) return { count: null, text: ctx.t.hidden };
  const sum = shown.reduce((n, c) => n + c, 0);
  return { count: sum, text: shown.length < counts.length ? `${sum} + ${ctx.t.hidden}` : String(sum) };
};

/** The three charts of a report page as Vega-Lite specs, every label in the reader's language. */
export const reportCharts = (
  ctx: PageContext,
  f: ChartFigures,
  years: { first: number; last: number },
  kinds: { refusals: string; withdrawals: string; rateLegend: string },
): { rates: TopLevelSpec; decisions: TopLevelSpec; sharings: TopLevelSpec } => {
  const purposes = ctx.purposes.map((p) => purposeLabel(ctx, p.purpose));
  const cells: RateCell[] = f.rates.map((r) => ({
    purpose: purposeLabel(ctx, r.purpose),
    school: ctx.schoolName(r.schoolId),
    year: r.schoolYear,
    rate: r.rate,
    text: r.hidden ? ctx.t.hidden : r.rate === null ? '—' : `${r.rate}%`,
  }));
  const kindOrder = [kinds.refusals, kinds.withdrawals];
  const decisions = [];
  for (let y = years.first; y <= years.last; y++)
    for (const kind of ['refusals', 'withdrawals'] as const) {
      const counts = f.decisions.filter((d) => d.schoolYear === yearLabel(y) && d.kind === kind).map((d) => d.count);
      decisions.push({ year: yearLabel(y), kind: kinds[kind], ...total(ctx, counts) });
    }
  const byRecipient = new Map<string, { recipientId: string; legalBasis: string; counts: (number | null)[] }>();
  for (const s of f.sharings) {
    const key = `${s.recipientId}|${s.legalBasis}`;
    const entry = byRecipient.get(key) ?? { recipientId: s.recipientId, legalBasis: s.legalBasis, counts: [] };
    entry.counts.push(s.count);
    byRecipient.set(key, entry);
  }
  const sharings = [...byRecipient.values()].map((e) => ({
    recipient: e.recipientId,
    basis: basisLabel(ctx, e.legalBasis),
    count: total(ctx, e.counts).count,
  }));
  return {
    rates: rateHeatmap(cells, purposes, kinds.rateLegend),
    decisions: decisionBars(decisions, kindOrder),
    sharings: sharingBars(
      sharings,
      LEGAL_BASES.map((b) => basisLabel(ctx, b)),
    ),
  };
};
