import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, type ErrorCode } from '../ledger/domain/errors';

/** The one mapping from a refusal's code to an HTTP status. */
export const statusOf = (code: ErrorCode): number => {
  if (code.startsWith('VALIDATION.') || code === 'SHARING.LEGAL_REFERENCE_REQUIRED') return HttpStatus.BAD_REQUEST;
  if (code.endsWith('.NOT_FOUND')) return HttpStatus.NOT_FOUND;
  if (code === 'PUPIL.DOSSIER_DESTROYED') return HttpStatus.GONE;
  if (code === 'STORE.UNAVAILABLE') return HttpStatus.SERVICE_UNAVAILABLE;
  if (code === 'STORE.DISK_FULL') return HttpStatus.INSUFFICIENT_STORAGE;
  return HttpStatus.CONFLICT;
};

const HTTP_ERRORS: Record<number, string> = {
  400: 'VALIDATION.INVALID',
  401: 'AUTH.UNAUTHENTICATED',
  403: 'AUTH.FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'VALIDATION.TOO_LARGE',
};

/** Every error leaves as {error, message, details}; nothing of a request body is ever logged. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly log = new Logger('ledger');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (exception instanceof DomainError) {
      res.status(statusOf(exception.code)).json({ error: exception.code, message: exception.message, details: exception.details });
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const given = typeof body === 'object' && body !== null && 'error' in body && 'details' in body ? body : undefined;
      res.status(status).json(given ?? { error: HTTP_ERRORS[status] ?? `HTTP.${status}`, message: exception.message, details: [] });
      return;
    }
    this.log.error(exception instanceof Error ? `${exception.name}: ${exception.message}` : 'unexpected failure', exception instanceof Error ? exception.stack : undefined);
    res.status(500).json({ error: 'INTERNAL', message: 'the ledger could not complete this request; nothing was recorded', details: [] });
  }
}
