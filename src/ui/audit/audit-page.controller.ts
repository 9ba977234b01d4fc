import { Controller, Get, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuditService } from '../../audit/audit.service';
import { PageQuery } from '../html/page-fields';
import { PageKit } from '../html/page-kit';
import { href } from '../i18n/lang';
import { PageErrorFilter } from '../page-error.filter';
import { may, type PageSession } from '../session/page-session';
import { Page, Reader } from '../session/page.guard';
import { AuditPage } from './audit.page';

export class AuditPageQuery extends PageQuery {
  @IsOptional()
  @IsIn(['1'])
  verify?: string;

  @IsOptional()
  @IsIn(['1'])
  sealed?: string;
}

/** The auditor's page, through the audit trail the API's /audit routes use; a key per school may not read it (the trail is the whole board's). */
@ApiExcludeController()
@Controller('ui/audit')
@UseFilters(PageErrorFilter)
export class AuditPageController {
  constructor(
    private readonly audit: AuditService,
    private readonly kit: PageKit,
  ) {}

  @Get()
  @Page('audit')
  async page(@Query() q: AuditPageQuery, @Reader() session: PageSession, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const ctx = this.kit.context(req, session);
    const checkpoints = await this.audit.trail.checkpoints();
    const v = {
      verified: q.verify ? await this.audit.verify() : undefined,
      checkpoints,
      sealed: q.sealed ? checkpoints.at(-1) : undefined,
      publicKeyPem: this.audit.publicKeyPem,
      canSeal: may(session.holder, 'seal'),
    };
    await this.kit.send(reply, AuditPage({ ctx, v }));
  }

  /** Seals the log now, as POST /audit/checkpoints does; then back to the page, which names the new checkpoint. */
  @Post('checkpoints')
  @Page('seal')
  async seal(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    await this.audit.seal();
    return reply.redirect(href((req.body as { lang?: string } | undefined)?.lang === 'en' ? 'en' : 'nl', '/ui/audit', { sealed: '1' }), 303);
  }

  @Get('public-key.pem')
  @Page('audit')
  async publicKey(@Res() reply: FastifyReply) {
    await reply.type('application/x-pem-file').header('content-disposition', 'attachment; filename="ledger-public-key.pem"').send(this.audit.publicKeyPem);
  }
}
