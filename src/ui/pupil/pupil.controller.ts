import { Controller, Get, Param, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Blank, PageQuery } from '../html/page-fields';
import { InstantField } from '../../http/dto-fields';
import { PupilParams } from '../../http/path-params';
import { renderExportHtml } from '../../export/pupil-export.html';
import { Clock } from '../../ledger/command-handling/clock';
import { amsterdamWallMs } from '../../ledger/domain/time';
import { AccessService, type TimelineLine } from '../../queries/get-access/access.service';
import { ConsentsService } from '../../queries/get-consents/consents.service';
import { ExportService } from '../../queries/export-pupil/export.service';
import { HistoryService } from '../../queries/get-history/history.service';
import { ChartRenderer } from '../charts/render-chart';
import { accessTimeline } from '../charts/specs';
import type { PageContext } from '../html/page-context';
import { PageKit } from '../html/page-kit';
import { basisLabel, categoryLabel } from '../html/parts';
import { href } from '../i18n/lang';
import { IdField } from '../../http/dto-fields';
import { PageErrorFilter } from '../page-error.filter';
import { may, type PageSession } from '../session/page-session';
import { Page, Reader } from '../session/page.guard';
import { FindPupilPage, PupilPage } from './pupil.page';

export class PupilPageQuery extends PageQuery {
  @Blank()
  @InstantField('business time to show the consents as of; now when absent')
  at?: string;

  @Blank()
  @InstantField('record time: only what was recorded by then; now when absent')
  knownAt?: string;
}

export class FindPupilQuery extends PageQuery {
  @Blank()
  @IdField('the pupil to find', true)
  pupilId?: string;
}

/** The timeline's bars: one per recipient and category, from shared to ended (or held, or now). */
const bars = (ctx: PageContext, lines: readonly TimelineLine[], now: string) =>
  lines.flatMap((l) =>
    l.dataCategories.map((c) => ({
      row: `${l.recipientId} · ${categoryLabel(ctx, c)}`,
      from: amsterdamWallMs(l.from),
      until: amsterdamWallMs((l.problem ? l.heldUntil : l.until) ?? now),
      kind: l.problem ? ctx.t.withoutBasis : basisLabel(ctx, l.legalBasis),
    })),
  );

const KINDS = ['consent', 'legal_obligation', 'processor_agreement'];

/**
 * The pupil page: consents as of a moment (GET /pupils/{id}/consents), the access timeline (the
 * lines of GET /access for every moment), the history (GET /pupils/{id}/history) and the parent's
 * export — each part only for a role that may read it through the API, a key per school only for its pupils.
 */
@ApiExcludeController()
@Controller('ui/pupils')
@UseFilters(PageErrorFilter)
export class PupilController {
  constructor(
    private readonly consents: ConsentsService,
    private readonly access: AccessService,
    private readonly histories: HistoryService,
    private readonly charts: ChartRenderer,
    private readonly clock: Clock,
    private readonly kit: PageKit,
    private readonly exports: ExportService,
  ) {}

  @Get()
  @Page('consents', 'access', 'history')
  async find(@Query() q: FindPupilQuery, @Reader() session: PageSession, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const ctx = this.kit.context(req, session);
    if (q.pupilId) return reply.redirect(href(ctx.lang, `/ui/pupils/${encodeURIComponent(q.pupilId)}`), 303);
    await this.kit.send(reply, FindPupilPage({ ctx }));
  }

  @Get(':pupilId')
  @Page('consents', 'access', 'history')
  async pupil(
    @Param() { pupilId }: PupilParams,
    @Query() q: PupilPageQuery,
    @Reader() session: PageSession,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const ctx = this.kit.context(req, session);
    const { holder } = session;
    const now = this.clock.now();
    const consents = may(holder, 'consents') ? await this.consents.asOf(pupilId, q, holder.schools) : undefined;
    const history = may(holder, 'history') ? (await this.histories.of(pupilId, holder, holder.schools)).events : undefined;
    let timeline;
    if (may(holder, 'access')) {
      const lines = await this.access.timeline(pupilId, holder.schools);
      const kinds = [...KINDS.map((k) => basisLabel(ctx, k)), ctx.t.withoutBasis];
      const svg = lines.length ? await this.charts.svg(accessTimeline(bars(ctx, lines, now), kinds, amsterdamWallMs(consents?.at ?? now)), ctx.lang) : '';
      timeline = { lines, svg };
    }
    const v = { pupilId, asked: q, consents, timeline, history, canExport: may(holder, 'export'), canCheck: may(holder, 'consentCheck') };
    await this.kit.send(reply, PupilPage({ ctx, v }));
  }

  /** The parent's right-of-access export (GET /pupils/{id}/export?format=html), as the API renders it. */
  @Get(':pupilId/export')
  @Page('export')
  async export(@Param() { pupilId }: PupilParams, @Reader() session: PageSession, @Res() reply: FastifyReply) {
    const { export: x, school } = await this.exports.of(pupilId, session.holder, session.holder.schools);
    await reply.header('referrer-policy', 'same-origin').type('text/html; charset=utf-8').send(renderExportHtml(x, school));
  }
}
