import { Controller, Get, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SafeCount } from '../../../projections/works-council-report';
import { ReportsService } from '../../queries/reports/reports.service';
import { ReportPageQuery } from '../html/page-fields';
import { PageKit } from '../html/page-kit';
import { PageErrorFilter } from '../page-error.filter';
import { ReportPages } from '../report-page';
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
    private readonly pages: ReportPages,
    private readonly kit: PageKit,
  ) {}

  @Get()
  @Page('worksCouncilReport')
  async page(@Query() q: ReportPageQuery, @Reader() session: PageSession, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const ctx = this.kit.context(req, session);
    const t = worksCouncilTexts(ctx.lang);
    // The report widens a period to whole school years: from and to inside the chosen years say which.
    const v = await this.pages.view(
      q,
      ctx,
      session.holder.schools,
      (ask, schools) => this.reports.worksCouncil(ask, schools),
      (report, trend) => ({
        rates: report.consentRates.map((c) => ({
          ...c,
          rate: typeof c.rate === 'number' ? c.rate : null,
          hidden: c.rate !== null && typeof c.rate === 'object',
        })),
        decisions: [
          ...trend.refusals.map((d) => ({ schoolYear: d.schoolYear, kind: 'refusals' as const, count: count(d.count) })),
          ...trend.withdrawals.map((d) => ({ schoolYear: d.schoolYear, kind: 'withdrawals' as const, count: count(d.count) })),
        ],
        sharings: report.sharings.map((s) => ({ recipientId: s.recipientId, legalBasis: s.legalBasis, count: count(s.count) })),
      }),
      t,
    );
    await this.kit.send(reply, WorksCouncilPage({ ctx, v }));
  }
}
