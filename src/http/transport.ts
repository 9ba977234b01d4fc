import fastifyCompress from '@fastify/compress';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { parse as parseForm } from 'node:querystring';
import { parseJsonBody, requireUtf8 } from './json-body';
import { BODY_LIMIT_BYTES, TransportError } from './transport-error';

/**
 * Path prefixes whose routes take HTML forms (`application/x-www-form-urlencoded`, UTF-8) besides
 * JSON: the pages' forms under `/ui/` (DESIGN, "Beyond contract v1"). Every other route takes JSON only.
 */
export const FORM_PREFIXES: readonly string[] = ['/ui/'];

const takesForms = (req: { readonly url: string }): boolean => FORM_PREFIXES.some((p) => req.url.startsWith(p));

/**
 * Every limit on what a request may carry, in one place (DESIGN, errors): bodies of at most 1 MiB
 * after decompression (413), JSON in UTF-8 only (415 for another type or charset), content
 * encoding identity or gzip in any case (415 otherwise, 400 for a body that does not decompress), JSON at most
 * 32 levels deep (400). A request without a body needs no content type. Fastify's own parser
 * registry, body limit and @fastify/compress do the work.
 */
export const registerTransport = async (app: NestFastifyApplication): Promise<void> => {
  const fastify: FastifyInstance = app.getHttpAdapter().getInstance();
  // Registered through Nest so that it adds no parsers of its own at init.
  app.useBodyParser('application/json', { bodyLimit: BODY_LIMIT_BYTES }, (req, body, done) => {
    try {
      requireUtf8(req.headers['content-type']);
      done(null, parseJsonBody(body));
    } catch (e) {
      done(e as Error, undefined);
    }
  });
  app.useBodyParser('application/x-www-form-urlencoded', { bodyLimit: BODY_LIMIT_BYTES }, (req, body, done) => {
    try {
      if (!takesForms(req)) throw TransportError.unsupportedMediaType('a form is accepted only by the pages under /ui/');
      requireUtf8(req.headers['content-type']);
      done(null, { ...parseForm(body.toString('utf8')) });
    } catch (e) {
      done(e as Error, undefined);
    }
  });
  // Fastify reads text/plain by default: JSON only here.
  fastify.removeContentTypeParser('text/plain');
  // Anything else, or a body without a content type, is refused before a byte of it is read.
  fastify.addContentTypeParser('*', (req, _payload, done) => {
    const type = req.headers['content-type'];
    done(TransportError.unsupportedMediaType(type ? `content type ${type.split(';')[0].trim()} is not accepted` : 'a body needs a content type'), undefined);
  });
  // Content codings are case-insensitive (RFC 9110 §8.4.1): `GZIP` or ` Gzip ` is gzip to the decompressor too.
  fastify.addHook('onRequest', (req, _reply, done) => {
    const encoding = req.headers['content-encoding'];
    if (typeof encoding === 'string') req.headers['content-encoding'] = encoding.trim().toLowerCase();
    done();
  });
  await app.register(fastifyCompress, {
    // Answers are left as they are; only request bodies are decompressed.
    globalCompression: false,
    globalDecompression: true,
    requestEncodings: ['gzip', 'identity'],
    onUnsupportedRequestEncoding: (encoding) => TransportError.unsupportedMediaType(`content-encoding ${encoding} is not accepted`),
  });
};
