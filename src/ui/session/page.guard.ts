import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  SetMetadata,
  UseGuards,
  applyDecorators,
  createParamDecorator,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../auth/auth.guard';
import type { RouteKind } from '../../auth/roles';
import { may, type PageSession } from './page-session';
import { sameOrigin } from './same-origin';
import { UiSessions } from './ui-sessions';

const PAGE_KINDS = 'ledger:page-kinds';

/** No session, or one idle for 8 hours: the reader is sent to sign in (PageErrorFilter). */
export class SignInNeeded extends Error {
  constructor(readonly expired: boolean) {
    super('sign in to read this page');
  }
}

/** A form sent from another site, or without this session's token: refused with 403, nothing done. */
export class ForeignForm extends Error {
  constructor() {
    super('this form did not come from a page of this ledger');
  }
}

type PageRequest = FastifyRequest & { pageSession?: PageSession };

/**
 * A page (DESIGN, pages): not an API route — the API's AuthGuard lets it through, as it needs no
 * bearer key — but a session's, for a reader whose key may read at least one of `kinds` through the
 * API (none named: any signed-in reader).
 */
export const Page = (...kinds: RouteKind[]) => applyDecorators(Public(), SetMetadata(PAGE_KINDS, kinds), UseGuards(PageGuard));

/** The session the page is read in (set by PageGuard). */
export const Reader = createParamDecorator((_: unknown, ctx: ExecutionContext): PageSession => ctx.switchToHttp().getRequest<PageRequest>().pageSession!);

/**
 * Reads the session cookie of a page request, moves its idle expiry on, and checks the reader's
 * role as the API would. A form (POST) must come from this ledger's own pages: same origin, and
 * the session's form token.
 */
@Injectable()
export class PageGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: UiSessions,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest<PageRequest>();
    const reply = ctx.switchToHttp().getResponse<FastifyReply>();
    const form = req.method === 'POST';
    if (form && !sameOrigin(req.headers)) throw new ForeignForm();
    const session = this.sessions.resume(req, reply);
    if (session === null || session === 'expired') throw new SignInNeeded(session === 'expired');
    const kinds = this.reflector.getAllAndOverride<RouteKind[] | undefined>(PAGE_KINDS, [ctx.getHandler(), ctx.getClass()]) ?? [];
    if (kinds.length > 0 && !kinds.some((k) => may(session.holder, k)))
      throw new ForbiddenException(
        `role ${session.holder.role}${session.holder.schools ? ' with a key per school' : ''} may not read ${req.url.split('?')[0]}`,
      );
    if (form && !this.sessions.formTokenValid(session, (req.body as { _csrf?: unknown } | undefined)?._csrf)) throw new ForeignForm();
    req.pageSession = session;
    return true;
  }
}
