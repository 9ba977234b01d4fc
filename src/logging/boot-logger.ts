import type { LoggerService } from '@nestjs/common';
import type { LedgerLog } from './ledger-log';

const text = (message: unknown): string => (typeof message === 'string' ? message : message instanceof Error ? message.message : JSON.stringify(message));

/**
 * Nest's own lines while the application is being built, as the ledger's JSON lines: before
 * nestjs-pino takes over (configure-app.ts) Nest would print coloured text. A start that fails is
 * said once, by main.ts's fatal line: Nest's ExceptionHandler line (a stack of the same error) is
 * kept at debug level.
 */
export const bootLogger = (log: LedgerLog): LoggerService => ({
  log: (message: unknown, context?: string) => log.info({ context }, text(message)),
  warn: (message: unknown, context?: string) => log.warn({ context }, text(message)),
  debug: (message: unknown, context?: string) => log.debug({ context }, text(message)),
  verbose: (message: unknown, context?: string) => log.trace({ context }, text(message)),
  fatal: (message: unknown, context?: string) => log.fatal({ context }, text(message)),
  error: (message: unknown, ...rest: unknown[]) => {
    const context = typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : undefined;
    if (context === 'ExceptionHandler') log.debug({ context }, text(message));
    else log.error({ context }, text(message));
  },
});
