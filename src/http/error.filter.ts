import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError } from '../ledger/domain/errors';
import { cappedDetails } from './capped-details';
import { statusOf } from './error-status';
import { TransportError } from './transport-error';

/** The code of a refusal made by the HTTP layer rather than by a rule, by its status. */
const HTTP_ERRORS: Record<number, string> = {
  400: 'VALIDATION.INVALID',
  401: 'AUTH.UNAUTHENTICATED',
  403: 'AUTH.FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'VALIDATION.TOO_LARGE',
  415: 'VALIDATION.UNSUPPORTED_MEDIA_TYPE',
};

/** Every error leaves as {error, message, details}; nothing of a request body is ever logged. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly log = new Logger('ledger');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<FastifyReply>();
    if (exception instanceof DomainError) {
      void res.status(statusOf(exception.code)).send({ error: exception.code, message: exception.message, details: cappedDetails(exception.details) });
      return;
    }
    const e = TransportError.fromPlatform(exception) ?? (exception instanceof HttpException ? exception : undefined);
    if (e) {
      const status = e.getStatus();
      const body = e.getResponse();
      const given = typeof body === 'object' && body !== null ? (body as { error?: unknown; message?: unknown; details?: unknown }) : {};
      // A body already in the ledger's shape keeps what it adds to it (health's `status` and `checks`).
      const ours = typeof given.error === 'string' && 'details' in given;
      void res.status(status).send({
        ...(ours ? given : {}),
        error: ours ? given.error : (HTTP_ERRORS[status] ?? `HTTP.${status}`),
        message: typeof given.message === 'string' ? given.message : e.message,
        details: Array.isArray(given.details) ? cappedDetails(given.details as object[]) : [],
      });
      return;
    }
    this.log.error(
      exception instanceof Error ? `${exception.name}: ${exception.message}` : 'unexpected failure',
      exception instanceof Error ? exception.stack : undefined,
    );
    void res.status(500).send({ error: 'INTERNAL', message: 'the ledger could not complete this request; nothing was recorded', details: [] });
  }
}
