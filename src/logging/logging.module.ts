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
      imports: [
        LoggerModule.forRoot({
          // The request is never written: a request's lines carry its reqId only (quietReqLogger). pino-http
          // still binds the serialised request to a logger no line uses; a `req` serializer that answers
          // nothing (unwrapped, so the standard one does not run first) saves that, some 35 µs a request.
          pinoHttp: {
            logger: log,
            autoLogging: false,
            quietReqLogger: true,
            quietResLogger: true,
            wrapSerializers: false,
            serializers: { req: () => undefined },
          },
        }),
      ],
      providers: [{ provide: LEDGER_LOG, useValue: log }],
      exports: [LEDGER_LOG],
    };
  }
}
