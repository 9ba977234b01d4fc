import { type CallHandler, type ExecutionContext, HttpException, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type Observable, tap } from 'rxjs';
import { ACCESS_KEY } from '../auth/auth.guard';
import type { RouteAccess } from '../auth/roles';
import { DomainError } from '../ledger/domain/errors';
import { LedgerMetrics } from './ledger-metrics';

const COMMAND_KINDS = new Set(['pupilCommand', 'registerCommand']);

/** The refusal's code, as the error filter answers it; INTERNAL for anything unforeseen. */
const outcomeOf = (e: unknown): string =>
  e instanceof DomainError ? e.code : e instanceof HttpException ? (e.getStatus() === 400 ? 'VALIDATION.INVALID' : `HTTP.${e.getStatus()}`) : 'INTERNAL';

/**
 * Counts and times every command that passed the key check, by use case (the controller's name
 * less "Controller": GiveConsent, ShareData, …): accepted, or refused with its code.
 */
@Injectable()
export class CommandMetricsInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly metrics: LedgerMetrics,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const access = this.reflector.getAllAndOverride<RouteAccess | 'public' | undefined>(ACCESS_KEY, [ctx.getHandler(), ctx.getClass()]);
    if (typeof access !== 'object' || !COMMAND_KINDS.has(access.kind)) return next.handle();
    const command = ctx.getClass().name.replace(/Controller$/, '');
    const started = performance.now();
    return next.handle().pipe(
      tap({
        next: () => this.metrics.command(command, 'accepted', performance.now() - started),
        error: (e: unknown) => this.metrics.command(command, outcomeOf(e), performance.now() - started),
      }),
    );
  }
}
