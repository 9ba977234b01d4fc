import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LedgerMetrics } from './ledger-metrics';

/** Times every answered request by route pattern (never the URL: it holds pupil ids) and status. */
export const registerRequestMetrics = (app: NestFastifyApplication): void => {
  const metrics = app.get(LedgerMetrics);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
      metrics.request(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime);
    });
};
