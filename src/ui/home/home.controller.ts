import { Controller, Get, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PageKit } from '../html/page-kit';
import { PageErrorFilter } from '../page-error.filter';
import type { PageSession } from '../session/page-session';
import { Page, Reader } from '../session/page.guard';
import { HomePage } from './home.page';

@ApiExcludeController()
@Controller('ui/home')
@UseFilters(PageErrorFilter)
export class HomeController {
  constructor(private readonly kit: PageKit) {}

  @Get()
  @Page()
  async home(@Reader() session: PageSession, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    await this.kit.send(reply, HomePage({ ctx: this.kit.context(req, session) }));
  }
}
