import { Controller, Get, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Clock } from '../../ledger/command-handling/clock';
import { serves } from '../../ledger/domain/school-scope';
import { ReportsService } from '../../queries/reports/reports.service';
import { ChartRenderer } from '../charts/render-chart';
import { ReportPageQuery } from '../html/page-fields';
import { PageKit } from '../html/page-kit';
import { PageErrorFilter } from '../page-error.filter';
import { reportPeriod } from '../report-period';
import { SchoolRegister } from '../../schools/school-register';
import type { PageSession } from '../session/page-session';
import { Page, Reader } from '../session/page.guard';
import { BoardPage } from './board.page';
import { boardTexts } from './board.texts';
import { reportCharts } from './report-charts';

/** The board's dashboard, from GET /reports/board's own query: the same figures, the same keys per school. */
@ApiExcludeController()
@Controller('ui/board')
@UseFilters(PageErrorFilter)
export class BoardController {
  constructor(
    private readonly reports: ReportsService,
    private readonly charts: ChartRenderer,
    private readonly register: SchoolRegister,
    private readonly clock: Clock,
    private readonly kit: PageKit,
  ) {}

  @Get()
  @Page('boardReport')
  async board(@Query() q: ReportPageQuery, @Reader() session: PageSession, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const ctx = this.kit.context(req, session);
    const schools = session.holder.schools;
    const now = this.clock.now();
    const period = reportPeriod(q.year, now);
    const report = await this.reports.board({ schoolId: q.school, from: period.from, to: period.to }, schools);
    const trend = period.year === null ? report : await this.reports.board({ schoolId: q.school, from: reportPeriod('all', now).from, to: period.to }, schools);
    const t = boardTexts(ctx.lang);
    const specs = reportCharts(
      ctx,
      {
        rates: report.consentRates.map((c) => ({ ...c, rate: c.rate === null ? null : Math.round(c.rate * 100), hidden: false })),
        decisions: [...trend.refusals.map((d) => ({ ...d, kind: 'refusals' as const })), ...trend.withdrawals.map((d) => ({ ...d, kind: 'withdrawals' as const }))],
        sharings: report.sharings,
      },
      { first: period.first, last: period.last },
      { refusals: t.refusals, withdrawals: t.withdrawals, rateLegend: t.rateLegend },
    );
    const [rates, decisions, sharings] = await Promise.all([this.charts.svg(specs.rates, ctx.lang), this.charts.svg(specs.decisions, ctx.lang), this.charts.svg(specs.sharings, ctx.lang)]);
    const known = await this.reports.schools(schools);
    const choices = [...new Set([...known, ...this.register.ids().filter((id) => serves(schools, id))])].sort();
    await this.kit.send(reply, BoardPage({ ctx, v: { report, trend, period, schools: choices, school: q.school, now, svg: { rates, decisions, sharings } } }));
  }
}
