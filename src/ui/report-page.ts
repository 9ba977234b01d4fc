import { Injectable } from '@nestjs/common';
import { Clock } from '../ledger/command-handling/clock';
import { type Schools, serves } from '../ledger/domain/school-scope';
import type { ReportAsk } from '../queries/reports/reports.service';
import { ReportsService } from '../queries/reports/reports.service';
import { SchoolRegister } from '../schools/school-register';
import { type ChartFigures, reportCharts } from './board/report-charts';
import { ChartRenderer } from './charts/render-chart';
import type { ReportPageQuery } from './html/page-fields';
import type { PageContext } from './html/page-context';
import { type ReportPeriod, reportPeriod } from './report-period';

/** What a report page shows besides its own texts: the report, its trend over the years shown, the charts and the schools to filter by. */
export interface ReportPageView<R> {
  readonly report: R;
  /** The same report from the first school year shown to the period's end (the report itself when all years are asked). */
  readonly trend: R;
  readonly period: ReportPeriod;
  /** The schools the reader may filter by, sorted. */
  readonly schools: readonly string[];
  readonly school: string | undefined;
  /** The current instant, UTC (RFC 3339). */
  readonly now: string;
  /** The three charts as inline SVG. */
  readonly svg: { readonly rates: string; readonly decisions: string; readonly sharings: string };
}

/**
 * The board's and the works council's pages do the same around their own report: the chosen
 * period, the report and its trend, three charts in the reader's language, the school filter.
 */
@Injectable()
export class ReportPages {
  constructor(
    private readonly reports: ReportsService,
    private readonly charts: ChartRenderer,
    private readonly register: SchoolRegister,
    private readonly clock: Clock,
  ) {}

  /**
   * @param load the page's own report query (the same as its API route's, with the reader's schools)
   * @param figures the report and its trend as the charts' figures (hidden counts as null, rule 9)
   * @throws what `load` throws (SCHOOL.NOT_FOUND, VALIDATION.INVALID)
   */
  async view<R>(
    q: ReportPageQuery,
    ctx: PageContext,
    schools: Schools,
    load: (ask: ReportAsk, schools: Schools) => Promise<R>,
    figures: (report: R, trend: R) => ChartFigures,
    kinds: { refusals: string; withdrawals: string; rateLegend: string },
  ): Promise<ReportPageView<R>> {
    const now = this.clock.now();
    const period = reportPeriod(q.year, now);
    const report = await load({ schoolId: q.school, from: period.from, to: period.to }, schools);
    const trend = period.year === null ? report : await load({ schoolId: q.school, from: reportPeriod('all', now).from, to: period.to }, schools);
    const specs = reportCharts(ctx, figures(report, trend), { first: period.first, last: period.last }, kinds);
    const [rates, decisions, sharings] = await Promise.all([
      this.charts.svg(specs.rates, ctx.lang),
      this.charts.svg(specs.decisions, ctx.lang),
      this.charts.svg(specs.sharings, ctx.lang),
    ]);
    const known = await this.reports.schools(schools);
    const choices = [...new Set([...known, ...this.register.ids().filter((id) => serves(schools, id))])].sort();
    return { report, trend, period, schools: choices, school: q.school, now, svg: { rates, decisions, sharings } };
  }
}
