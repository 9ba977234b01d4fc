import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';

/**
 * What a browser may do with anything the ledger serves, the parent's HTML export and Swagger UI
 * at /docs included: scripts only from the ledger itself (no inline script, no eval), styles from
 * the ledger or inline (the export page and Swagger UI carry a style block), images from the
 * ledger or data: URLs (Swagger UI's icons), never inside a frame, no plugins, forms only back to
 * the ledger.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
} as const;

/**
 * The headers helmet sets for {@link CONTENT_SECURITY_POLICY} and the options below, worked out once:
 * they depend on nothing in the request. (@fastify/helmet rebuilt helmet's middleware, parsing the
 * policy again, on every request: some 50 µs of a command's time on this machine.)
 */
export const securityHeaders = (): Readonly<Record<string, string>> => {
  const headers: Record<string, string> = {};
  const collect = {
    setHeader: (name: string, value: string) => void (headers[name.toLowerCase()] = value),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  helmet({
    // HSTS belongs to whoever terminates TLS in front of the ledger; sent from here with
    // includeSubDomains it could bind a board's other hosts to HTTPS.
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    frameguard: { action: 'deny' },
    strictTransportSecurity: false,
  })({} as IncomingMessage, collect as unknown as ServerResponse, (e?: unknown) => {
    if (e) throw e instanceof Error ? e : new Error('helmet refused the security headers’ options');
  });
  return { ...headers, 'cache-control': 'no-store' };
};

/**
 * The headers every answer carries (issue 10, item 8), from helmet: `X-Content-Type-Options:
 * nosniff`, `X-Frame-Options: DENY`, the policy above, and no `X-Powered-By` (Fastify sends none).
 * Every answer is `Cache-Control: no-store` too, as an answer may carry names or pupil data;
 * Swagger UI's static files keep their own caching. Set on the reply at its arrival, before any
 * route, error or 404 answers.
 */
export const registerHardening = (app: NestFastifyApplication): void => {
  const headers = securityHeaders();
  const fastify: FastifyInstance = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (_req, reply, done) => {
    void reply.headers(headers);
    done();
  });
};
