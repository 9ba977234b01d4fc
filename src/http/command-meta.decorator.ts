import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { AuthedRequest } from '../auth/auth.guard';
import type { CommandMeta } from '../ledger/command-handling/command-meta';
import { correlationIdOf, idempotencyKeyHash } from './client-strings';
import { type HeaderSink, setHeader } from './headers';

const canonical = (v: unknown): string =>
  Array.isArray(v)
    ? `[${v.map(canonical).join(',')}]`
    : v && typeof v === 'object'
      ? `{${Object.keys(v)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
          .join(',')}}`
      : JSON.stringify(v);

/** Builds the command's metadata from the request: actor, correlation, and the idempotency key. */
export const Meta = createParamDecorator((_: unknown, ctx: ExecutionContext): CommandMeta => {
  const req = ctx.switchToHttp().getRequest<AuthedRequest>();
  const holder = req.holder!;
  const keyHash = idempotencyKeyHash(req);
  const correlationId = correlationIdOf(req);
  // The client learns the id its command was recorded under, whichever of the two made it.
  setHeader(ctx.switchToHttp().getResponse<HeaderSink>(), 'X-Correlation-Id', correlationId);
  const requestHash = createHash('sha256')
    .update(`${req.method} ${req.originalUrl.split('?')[0]} ${canonical(req.body ?? {})}`)
    .digest('hex');
  return {
    actor: { id: holder.keyId, role: holder.role },
    correlationId,
    causationId: null,
    idempotency: keyHash ? { scope: holder.keyId, keyHash, requestHash } : null,
    schools: holder.schools,
  };
});
