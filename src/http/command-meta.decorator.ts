import { BadRequestException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { AuthedRequest } from '../auth/auth.guard';
import type { CommandMeta } from '../ledger/command-handling/command-meta';

const canonical = (v: unknown): string =>
  Array.isArray(v)
    ? `[${v.map(canonical).join(',')}]`
    : v && typeof v === 'object'
      ? `{${Object.keys(v)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
          .join(',')}}`
      : JSON.stringify(v);

/** Node joins a repeated header with ", " (which the id pattern refuses); typed as a list only for set-cookie. */
const oneHeader = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v.join(', ') : v);

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** Builds the command's metadata from the request: actor, correlation, and the idempotency key. */
export const Meta = createParamDecorator((_: unknown, ctx: ExecutionContext): CommandMeta => {
  const req = ctx.switchToHttp().getRequest<AuthedRequest>();
  const holder = req.holder!;
  const key = oneHeader(req.headers['idempotency-key']);
  const correlation = oneHeader(req.headers['x-correlation-id']);
  const bad = [
    ...(key !== undefined && !ID.test(key) ? [{ field: 'Idempotency-Key', problem: 'must be 1-128 letters, digits or ._:-' }] : []),
    ...(correlation !== undefined && !ID.test(correlation) ? [{ field: 'X-Correlation-Id', problem: 'must be 1-128 letters, digits or ._:-' }] : []),
  ];
  if (bad.length) throw new BadRequestException({ error: 'VALIDATION.INVALID', message: 'invalid headers', details: bad });
  const requestHash = createHash('sha256').update(`${req.method} ${req.originalUrl.split('?')[0]} ${canonical(req.body ?? {})}`).digest('hex');
  return {
    actor: { id: holder.keyId, role: holder.role },
    correlationId: correlation ?? randomUUID(),
    causationId: null,
    idempotency: key ? { scope: holder.keyId, key, requestHash } : null,
  };
});
