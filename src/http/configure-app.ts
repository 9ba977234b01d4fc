import fastifyAccepts from '@fastify/accepts';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { registerHardening } from './hardening';
import { registerTransport } from './transport';
import { BODY_LIMIT_BYTES } from './transport-error';
import { ledgerValidationPipe } from './validation';
import { registerPages } from '../ui/ui-pages';

/** The HTTP platform the ledger runs on: Fastify, made in one place for main.ts, the bench and the tests. */
export const ledgerHttpAdapter = (): FastifyAdapter => new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES });

/** Everything the HTTP surface needs beyond the module, shared by main.ts and the tests. */
export const configureApp = async (app: NestFastifyApplication): Promise<NestFastifyApplication> => {
  await registerHardening(app);
  await registerTransport(app);
  await app.register(fastifyAccepts);
  await registerPages(app);
  app.useGlobalPipes(ledgerValidationPipe());
  app.enableShutdownHooks();
  const doc = new DocumentBuilder()
    .setTitle('Consent ledger')
    .setDescription(
      'Every privacy-relevant fact about a pupil as an immutable event: consents, refusals, withdrawals, ' +
        'data sharings and dossier destructions, answerable as of any moment. Contract v1.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'an API key; each key has one role' })
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, doc));
  return app;
};
