import { Controller, Get, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ReportsService } from '../../queries/reports/reports.service';
import { ReportPageQuery } from '../html/page-fields';
import { PageKit } from '../html/page-kit';
import { PageErrorFilter } from '../page-error.filter';
import { ReportPages } from '../report-page';
import type { PageSession } from '../session/page-session';
import { Page, Reader } from '../session/page.guard';
import { BoardPage } from './board.page';
import { boardTexts } from './board.texts';

/** The board's dashboard, from GET /reports/board's own query: the same figures, the same keys per school. */
@ApiExcludeController()
@Controller('ui/board')
@UseFilters(PageErrorFilter)
export class BoardController {
  constructor(
    private readonly reports: ReportsService,
    private readonly pages: ReportPages,
    private readonly kit: PageKit,
  ) {}

  @Get()
  @Page('boardReport')
  async board(@Query() q: ReportPageQuery, @Reader() session: PageSession, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const ctx = this.kit.context(req, session);
    const t = boardTexts(ctx.lang);
    const v = await this.pages.view(
      q,
      ctx,
      session.holder.schools,
      (ask, schools) => this.reports.board(ask, schools),
      (report, trend) => ({
        rates: report.consentRates.map((c) => ({ ...c, rate: c.rate === null ? null : Math.round(c.rate * 100), hidden: false })),
        decisions: [
          ...trend.refusals.map((d) => ({ ...d, kind: 'refusals' as const })),
          ...trend.withdrawals.map((d) => ({ ...d, kind: 'withdrawals' as const })),
        ],
        sharings: report.sharings,
      }),
      t,
    );
    await this.kit.send(reply, BoardPage({ ctx, v }));
  }
}
