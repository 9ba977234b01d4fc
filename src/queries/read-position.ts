import { AsyncLocalStorage } from 'node:async_hooks';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { headerOf } from '../http/headers';

/** Response header: the position the read models reflected (at least) when the answer was read from them. */
export const POSITION_HEADER = 'Ledger-Position';
/** Request header: a position the client wants the answer to reflect (one it got from a command, on any instance). */
export const MIN_POSITION_HEADER = 'Ledger-Min-Position';

/** One request's reads: the position it asked for, and the one its answer reflects once read models served it. */
export interface ReadContext {
  readonly wanted: string | undefined;
  served: boolean;
  reflected: string | null;
}

const reads = new AsyncLocalStorage<ReadContext>();
const contexts = new WeakMap<FastifyRequest, ReadContext>();

/** The request being answered, when there is one (a scheduler's pass has none). */
export const currentRead = (): ReadContext | undefined => reads.getStore();

/**
 * Every request runs its handler with a ReadContext (after its body was read, so that the context
 * holds for everything the handler awaits); an answer that read models served carries
 * `Ledger-Position`, absent while the log is empty.
 */
export const registerReadPosition = (app: NestFastifyApplication): void => {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('preHandler', (req, _reply, done) => {
    const context: ReadContext = { wanted: headerOf(req, MIN_POSITION_HEADER), served: false, reflected: null };
    contexts.set(req, context);
    reads.run(context, done);
  });
  fastify.addHook('onSend', (req, reply, payload, done) => {
    const context = contexts.get(req);
    if (context?.served && context.reflected !== null) void reply.header(POSITION_HEADER, context.reflected);
    done(null, payload);
  });
};
