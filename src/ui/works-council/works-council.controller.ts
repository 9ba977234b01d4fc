import { Controller, Get, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SafeCount } from '../../../projections/works-council-report';
import { Clock } from '../../ledger/command-handling/clock';
import { serves } from '../../ledger/domain/school-scope';
import { ReportsService } from '../../queries/reports/reports.service';
import { reportCharts } from '../board/report-charts';
import { ChartRenderer } from '../charts/render-chart';
import { ReportPageQuery } from '../html/page-fields';
import { PageKit } from '../html/page-kit';
import { PageErrorFilter } from '../page-error.filter';
import { reportPeriod } from '../report-period';
import { SchoolRegister } from '../../schools/school-register';
import type { PageSession } from '../session/page-session';
import { Page, Reader } from '../session/page.guard';
import { WorksCouncilPage } from './works-council.page';
import { worksCouncilTexts } from './works-council.texts';

const count = (c: SafeCount): number | null => (typeof c === 'number' ? c : null);

/** The works council's page, from GET /reports/works-council's own query: rule 9 is the report's, not the page's. */
@ApiExcludeController()
@Controller('ui/works-council')
@UseFilters(PageErrorFilter)
export class WorksCouncilController {
  constructor(
    private readonly reports: ReportsService,
    private readonly charts: ChartRenderer,
    private readonly register: SchoolRegister,
    private readonly clock: Clock,
    private readonly kit: PageKit,
  ) {}

  @Get()
  @Page('worksCouncilReport')
  async page(@Query() q: ReportPageQuery, @Reader() session: PageSession, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const ctx = this.kit.context(req, session);
    const schools = session.holder.schools;
    const now = this.clock.now();
    const period = reportPeriod(q.year, now);
    // The report widens a period to whole school years: from and to inside the chosen years say which.
    const report = await this.reports.worksCouncil({ schoolId: q.school, from: period.from, to: period.to }, schools);
    const trend = period.year === null ? report : await this.reports.worksCouncil({ schoolId: q.school, from: reportPeriod('all', now).from, to: period.to }, schools);
    const t = worksCouncilTexts(ctx.lang);
    const specs = reportCharts(
      ctx,
      {
        rates: report.consentRates.map((c) => ({ ...c, rate: typeof c.rate === 'number' ? c.rate : null, hidden: c.rate !== null && typeof c.rate === 'object' })),
        decisions: [
          ...trend.refusals.map((d) => ({ schoolYear: d.schoolYear, kind: 'refusals' as const, count: count(d.count) })),
          ...trend.withdrawals.map((d) => ({ schoolYear: d.schoolYear, kind: 'withdrawals' as const, count: count(d.count) })),
        ],
        sharings: report.sharings.map((s) => ({ recipientId: s.recipientId, legalBasis: s.legalBasis, count: count(s.count) })),
      },
      { first: period.first, last: period.last },
      { refusals: t.refusals, withdrawals: t.withdrawals, rateLegend: t.rateLegend },
    );
    const [rates, decisions, sharings] = await Promise.all([this.charts.svg(specs.rates, ctx.lang), this.charts.svg(specs.decisions, ctx.lang), this.charts.svg(specs.sharings, ctx.lang)]);
    const known = await this.reports.schools(schools);
    const choices = [...new Set([...known, ...this.register.ids().filter((id) => serves(schools, id))])].sort();
    await this.kit.send(reply, WorksCouncilPage({ ctx, v: { report, trend, period, schools: choices, school: q.school, svg: { rates, decisions, sharings } } }));
  }
}
