import { BadRequestException } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { type HeaderSource, headerOf } from './headers';

const TOKEN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Rule 7 for strings a client chooses: none is stored as given. An `Idempotency-Key` is kept only as
 * its SHA-256 (hex, 64 characters), in the event and in the idempotency record alike.
 * @throws BadRequestException (400) for a key that is not 1–128 letters, digits or `._:-`.
 */
export const idempotencyKeyHash = (req: HeaderSource): string | null => {
  const key = headerOf(req, 'idempotency-key');
  if (key === undefined) return null;
  if (!TOKEN.test(key))
    throw new BadRequestException({
      error: 'VALIDATION.INVALID',
      message: 'invalid headers: Idempotency-Key',
      details: [{ field: 'Idempotency-Key', problem: 'must be 1-128 letters, digits or ._:-' }],
    });
  return createHash('sha256').update(key, 'utf8').digest('hex');
};

/**
 * Rule 7: a correlation id is a UUID. A client's `X-Correlation-Id` in UUID form is kept (lower-cased);
 * anything else, or none, is replaced by a fresh one, so free text never reaches an event this way.
 */
export const correlationIdOf = (req: HeaderSource): string => {
  const given = headerOf(req, 'x-correlation-id');
  return given !== undefined && UUID.test(given) ? given.toLowerCase() : randomUUID();
};
