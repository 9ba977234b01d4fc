import { type DynamicModule, Global, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { LEDGER_LOG, type LedgerLog } from './ledger-log';

/**
 * Nest's own logging (every `new Logger(context)` of the ledger) as JSON lines through pino, via
 * nestjs-pino. Its automatic request lines are off: they would carry the URL (pupil ids) and
 * headers; request-log.ts writes the ledger's own, with the route pattern only.
 */
@Global()
@Module({})
export class LoggingModule {
  static with(log: LedgerLog): DynamicModule {
    return {
      module: LoggingModule,
      imports: [LoggerModule.forRoot({ pinoHttp: { logger: log, autoLogging: false, quietReqLogger: true } })],
      providers: [{ provide: LEDGER_LOG, useValue: log }],
      exports: [LEDGER_LOG],
    };
  }
}
