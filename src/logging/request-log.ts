import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiKeyHolder } from '../auth/api-keys';
import { LEDGER_LOG, type LedgerLog } from './ledger-log';

/** One line per answered request, and what it may hold. */
export interface RequestLine {
  readonly msg: 'request';
  readonly method: string;
  /** The route's pattern (`/pupils/:pupilId/history`), never the URL: that holds pupil ids and queries. */
  readonly route: string | null;
  readonly status: number;
  /** From the request's arrival to the answer's last byte, in ms. */
  readonly durationMs: number;
  /** Of the key shown, when it was a key of this ledger (401: none); its id, never the key. */
  readonly role: string | null;
  readonly keyId: string | null;
  readonly reqId: string;
}

const levelOf = (status: number): 'info' | 'warn' | 'error' => (status >= 500 ? 'error' : [401, 403, 429].includes(status) ? 'warn' : 'info');

/**
 * The request log: method, route, status, duration, role and key id of every answered request,
 * 401 and 403 included. Written from Fastify's onResponse hook, after the answer has gone.
 */
export const registerRequestLog = (app: NestFastifyApplication): void => {
  const log = app.get<LedgerLog>(LEDGER_LOG);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
      const holder = (request as FastifyRequest & { holder?: ApiKeyHolder }).holder;
      const line: RequestLine = {
        msg: 'request',
        method: request.method,
        route: request.routeOptions.url ?? null,
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 10) / 10,
        role: holder?.role ?? null,
        keyId: holder?.keyId ?? null,
        reqId: request.id,
      };
      log[levelOf(line.status)](line);
    });
};
