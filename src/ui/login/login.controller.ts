import { HOME } from '../paths';
import { Body, Controller, Get, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { normalizeIp } from '@nestjs/throttler';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiKeys } from '../../auth/api-keys';
import { Public } from '../../auth/auth.guard';
import { WrongKeyThrottle } from '../../auth/wrong-key-throttle';
import { PageKit } from '../html/page-kit';
import { href, langOf } from '../i18n/lang';
import { PageErrorFilter, returnPath } from '../page-error.filter';
import { ForeignForm } from '../session/page.guard';
import { sameOrigin } from '../session/same-origin';
import { UiSessions } from '../session/ui-sessions';
import { LoginPage, type LoginNotice } from './login.page';

export class LoginForm {
  @IsString()
  @MaxLength(1024)
  key!: string;

  @IsOptional()
  @IsString()
  @MaxLength(2048)
  next?: string;

  @IsOptional()
  @IsIn(['nl', 'en'])
  lang?: string;
}

export class LoginQuery {
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  next?: string;

  @IsOptional()
  @IsIn(['1'])
  expired?: string;

  @IsOptional()
  @IsIn(['1'])
  out?: string;

  @IsOptional()
  @IsIn(['nl', 'en'])
  lang?: string;
}

/**
 * Signing in to the pages with an API key (DESIGN, pages): the key is looked up as the API looks it
 * up, and wrong keys count against the same throttle as the API's. The key itself is never kept:
 * the session names it by its id.
 */
@ApiExcludeController()
@Controller('ui')
@Public()
@UseFilters(PageErrorFilter)
export class LoginController {
  constructor(
    private readonly keys: ApiKeys,
    private readonly throttle: WrongKeyThrottle,
    private readonly sessions: UiSessions,
    private readonly kit: PageKit,
  ) {}

  @Get()
  home(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return reply.redirect(href(langOf(req.query), HOME), 302);
  }

  @Get('login')
  async form(@Query() q: LoginQuery, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const session = this.sessions.resume(req, reply);
    const next = q.next && returnPath(q.next);
    if (session && session !== 'expired') return reply.redirect(next ?? href(langOf(req.query), HOME), 303);
    const notice: LoginNotice = q.expired ? 'expired' : q.out ? 'loggedOut' : null;
    await this.kit.send(reply, LoginPage({ ctx: this.kit.context(req, null), next, notice }));
  }

  @Post('login')
  async login(@Body() form: LoginForm, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    if (!sameOrigin(req.headers)) throw new ForeignForm();
    const ctx = this.kit.context(req, null);
    const next = form.next && returnPath(form.next);
    const client = normalizeIp(req.ip ?? 'unknown');
    let wait = this.throttle.blockedFor(client);
    if (!wait) {
      const holder = form.key ? this.keys.find(form.key) : undefined;
      if (holder) {
        this.sessions.start(reply, holder);
        return reply.redirect(next ?? href(ctx.lang, HOME), 303);
      }
      // An empty field guesses nothing; only a key that was typed and is wrong counts.
      wait = form.key ? await this.throttle.wrongKey(client) : 0;
      if (!wait) return this.kit.send(reply, LoginPage({ ctx, next, notice: 'wrongKey' }), 401);
    }
    void reply.header('retry-after', String(wait));
    await this.kit.send(reply, LoginPage({ ctx, next, notice: { tooMany: wait } }), 429);
  }

  /** Ends the session in this browser. The cookie is stateless: it is the browser that forgets it. */
  @Post('logout')
  logout(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    if (!sameOrigin(req.headers)) throw new ForeignForm();
    this.sessions.end(reply);
    return reply.redirect(href(langOf(req.body), '/ui/login', { out: '1' }), 303);
  }
}
