import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { statusOf } from '../http/error-status';
import { TransportError } from '../http/transport-error';
import { DomainError, errorMessage } from '../ledger/domain/errors';
import { ErrorPage } from './html/error-page';
import { PageKit } from './html/page-kit';
import { href, langOf } from './i18n/lang';
import type { PageSession } from './session/page-session';
import { ForeignForm, SignInNeeded } from './session/page.guard';

/** The path and query a reader asked for, when it is a page to come back to after signing in. */
export const returnPath = (url: string): string | undefined => (/^\/ui\/[A-Za-z0-9._~%/?&=:+-]*$/.test(url) && !url.includes('//') ? url : undefined);

const detailsOf = (body: unknown): string[] => {
  const details = (body as { details?: unknown } | null)?.details;
  return Array.isArray(details)
    ? details.map((d: { field?: string; pupilId?: string; problem?: string }) => [d.field ?? d.pupilId, d.problem].filter(Boolean).join(': '))
    : [];
};

/**
 * Every refusal on a page, as a page: the same codes and statuses as the API (statusOf, the one
 * mapping), in HTML for a person. A reader without a session is sent to sign in, and back after.
 */
@Catch()
export class PageErrorFilter implements ExceptionFilter {
  private readonly log = new Logger('pages');

  constructor(private readonly kit: PageKit) {}

  async catch(e: unknown, host: ArgumentsHost): Promise<void> {
    const req = host.switchToHttp().getRequest<FastifyRequest & { pageSession?: PageSession }>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const lang = langOf(req.query);
    if (e instanceof SignInNeeded) {
      const next = req.method === 'GET' ? returnPath(req.url) : undefined;
      await reply.redirect(href(lang, '/ui/login', { next, expired: e.expired ? '1' : undefined }), 303);
      return;
    }
    const ctx = this.kit.context(req, req.pageSession ?? null);
    let status: number;
    let message: string;
    let details: string[] = [];
    if (e instanceof DomainError) {
      [status, message, details] = [statusOf(e.code), e.message, detailsOf(e)];
    } else if (e instanceof ForeignForm) {
      [status, message] = [403, ctx.t.errors.foreignForm];
    } else {
      const http = TransportError.fromPlatform(e) ?? (e instanceof HttpException ? e : undefined);
      if (http) {
        const body = http.getResponse();
        const given = typeof body === 'object' && body !== null ? (body as { message?: unknown }).message : body;
        [status, message, details] = [http.getStatus(), typeof given === 'string' ? given : http.message, detailsOf(body)];
      } else {
        this.log.error(`a page failed: ${errorMessage(e)}`, e instanceof Error ? e.stack : undefined);
        [status, message] = [500, 'the ledger could not complete this request; nothing was recorded'];
      }
    }
    await this.kit.send(reply, ErrorPage({ ctx, status, message, details }), status);
  }
}
