import fastifyAccepts from '@fastify/accepts';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { ledgerOpenApi } from '../openapi/openapi-document';
import { Logger } from 'nestjs-pino';
import { registerRequestLog } from '../logging/request-log';
import { registerRequestMetrics } from '../metrics/request-metrics';
import { registerHardening } from './hardening';
import { registerTransport } from './transport';
import { BODY_LIMIT_BYTES } from './transport-error';
import { ledgerValidationPipe } from './validation';
import { registerPages } from '../ui/ui-pages';
import { registerReadPosition } from '../queries/read-position';

/** The HTTP platform the ledger runs on: Fastify, made in one place for main.ts, the bench and the tests. */
export const ledgerHttpAdapter = (): FastifyAdapter => new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES });

/** Everything the HTTP surface needs beyond the module, shared by main.ts and the tests. */
export const configureApp = async (app: NestFastifyApplication): Promise<NestFastifyApplication> => {
  // Every Nest log line as JSON through pino, from here on (lines buffered before are written now).
  app.useLogger(app.get(Logger));
  registerRequestLog(app);
  registerRequestMetrics(app);
  registerReadPosition(app);
  registerHardening(app);
  await registerTransport(app);
  await app.register(fastifyAccepts);
  await registerPages(app);
  app.useGlobalPipes(ledgerValidationPipe());
  app.enableShutdownHooks();
  SwaggerModule.setup('docs', app, () => ledgerOpenApi(app));
  return app;
};
