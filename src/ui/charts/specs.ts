import type { TopLevelSpec } from 'vega-lite';

/**
 * The pages' charts as Vega-Lite specs over inline data: what they show is decided here, how they
 * are drawn by vega. Every label arrives already in the reader's language.
 */

/** One cell of a rate heatmap: a purpose at a school in a school year; `rate` in whole percents, null when there is none to show. */
export interface RateCell {
  readonly purpose: string;
  readonly school: string;
  readonly year: string;
  readonly rate: number | null;
  /** What the cell says: "75%", or why there is no rate ("hidden", "—"). */
  readonly text: string;
}

const BLANK = '#e4e4e4';

/** Consent rates: purposes down, schools across, one panel per school year; darker is more consent. */
export const rateHeatmap = (cells: readonly RateCell[], purposes: readonly string[], legendTitle: string): TopLevelSpec => {
  const years = [...new Set(cells.map((c) => c.year))];
  const spec = {
    width: { step: 96 },
    height: { step: 26 },
    encoding: {
      y: { field: 'purpose', type: 'nominal', title: null, sort: purposes },
      x: { field: 'school', type: 'nominal', title: null, axis: { orient: 'top', labelAngle: -30, labelAlign: 'left', labelLimit: 200 } },
    },
    layer: [
      {
        mark: { type: 'rect', stroke: 'white', strokeWidth: 2, invalid: null },
        encoding: {
          color: {
            condition: { test: 'datum.rate === null', value: BLANK },
            field: 'rate',
            type: 'quantitative',
            scale: { domain: [0, 100], scheme: 'blues' },
            legend: { title: legendTitle, gradientLength: 160 },
          },
        },
      },
      {
        mark: { type: 'text', fontSize: 12 },
        encoding: { text: { field: 'text' }, color: { condition: { test: 'datum.rate !== null && datum.rate > 55', value: 'white' }, value: '#1b1b1b' } },
      },
    ],
  };
  return (years.length > 1
    ? { data: { values: cells }, facet: { column: { field: 'year', type: 'ordinal', title: null, sort: years } }, spec }
    : { data: { values: cells }, ...spec }) as unknown as TopLevelSpec;
};

/** Whole-number ticks for a count axis: vega would put ticks at halves below 10. */
const countAxis = (counts: readonly (number | null)[]) => {
  const max = Math.max(0, ...counts.filter((c): c is number => c !== null));
  return max <= 10 ? { values: Array.from({ length: max + 1 }, (_, i) => i), format: 'd' } : { format: 'd' };
};

/** Refusals and withdrawals per school year, side by side; a bar without a count (hidden) is left out. */
export const decisionBars = (rows: readonly { year: string; kind: string; count: number | null; text: string }[], kinds: readonly string[]): TopLevelSpec =>
  ({
    // A hidden count keeps its place on the axis: its label stands at 0, saying it is hidden.
    data: { values: rows.map((r) => ({ ...r, at: r.count ?? 0 })) },
    width: { step: 36 },
    height: 200,
    encoding: {
      x: { field: 'year', type: 'ordinal', title: null, axis: { labelAngle: 0 } },
      xOffset: { field: 'kind', sort: kinds },
      y: { field: 'count', type: 'quantitative', title: null, axis: countAxis(rows.map((r) => r.count)) },
      color: { field: 'kind', type: 'nominal', title: null, sort: kinds, scale: { domain: kinds, range: ['#8a4b00', '#b3261e'] } },
    },
    layer: [
      { mark: 'bar' },
      {
        mark: { type: 'text', dy: -6, fontSize: 11 },
        encoding: { y: { field: 'at', type: 'quantitative' }, text: { field: 'text' }, color: { value: '#1b1b1b' } },
      },
    ],
  }) as unknown as TopLevelSpec;

const BASIS_COLOURS = ['#0b4f8a', '#1d6b2f', '#7b3f8c', '#b3261e'];

/** Sharings per recipient, stacked by legal basis. */
export const sharingBars = (rows: readonly { recipient: string; basis: string; count: number | null }[], bases: readonly string[]): TopLevelSpec =>
  ({
    data: { values: rows },
    width: 420,
    height: { step: 26 },
    mark: 'bar',
    encoding: {
      y: { field: 'recipient', type: 'nominal', title: null },
      x: { field: 'count', type: 'quantitative', title: null, axis: countAxis(rows.map((r) => r.count)) },
      color: { field: 'basis', type: 'nominal', title: null, scale: { domain: bases, range: BASIS_COLOURS } },
    },
  }) as unknown as TopLevelSpec;

/** One bar of the access timeline: a recipient could see a category from `from` to `until` (UTC ms of Amsterdam wall clock). */
export interface AccessBar {
  readonly row: string;
  readonly from: number;
  readonly until: number;
  /** The legal basis, or that there was none. */
  readonly kind: string;
}

/** Who could see what, when: a bar per recipient and category, from shared to ended; the moment asked as a dashed line. */
export const accessTimeline = (bars: readonly AccessBar[], kinds: readonly string[], at: number): TopLevelSpec =>
  ({
    width: 520,
    height: { step: 26 },
    layer: [
      {
        data: { values: bars },
        mark: { type: 'bar', cornerRadius: 2 },
        encoding: {
          y: { field: 'row', type: 'nominal', title: null },
          x: { field: 'from', type: 'temporal', title: null, scale: { type: 'utc' }, axis: { format: '%b %Y', labelAngle: 0 } },
          x2: { field: 'until' },
          color: { field: 'kind', type: 'nominal', title: null, scale: { domain: kinds, range: BASIS_COLOURS } },
        },
      },
      {
        data: { values: [{ at }] },
        mark: { type: 'rule', strokeDash: [5, 3], color: '#c15d00', strokeWidth: 2 },
        encoding: { x: { field: 'at', type: 'temporal' } },
      },
    ],
  }) as unknown as TopLevelSpec;
