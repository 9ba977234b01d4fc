import { codesOf } from '../http/error-status';
import type { ResponseObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/** Every refusal's body (DESIGN: errors). */
export const errorSchema: SchemaObject = {
  type: 'object',
  required: ['error', 'message', 'details'],
  properties: {
    error: { type: 'string', description: 'a stable code, e.g. CONSENT.NOT_ACTIVE', example: 'CONSENT.NOT_ACTIVE' },
    message: { type: 'string', description: 'what was refused and why, in words' },
    details: {
      type: 'array',
      description: 'every bad field, or every pupil that lacks what the rule needs',
      items: { type: 'object', required: ['problem'], properties: { field: { type: 'string' }, pupilId: { type: 'string' }, problem: { type: 'string' } } },
    },
  },
};

/** The ledger's own codes of a status, from the one mapping (error-status.ts), appended to its description. */
const withCodes = (status: number, description: string): string => {
  const codes = codesOf(status);
  return codes.length ? `${description}. Codes: ${codes.join(', ')}` : description;
};

const error = (status: number, code: string, summary: string, message: string) => ({
  description: withCodes(status, summary),
  response: (): ResponseObject => ({
    description: withCodes(status, summary),
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' }, example: { error: code, message, details: [] } } },
  }),
});

export const ERROR_RESPONSES: Readonly<Record<number, ReturnType<typeof error>>> = {
  400: error(400, 'VALIDATION.INVALID', 'Malformed or invalid (an unknown purpose too): every bad field is named', 'the request is invalid'),
  401: error(401, 'AUTH.UNAUTHENTICATED', 'No valid API key', 'a valid API key is required: Authorization: Bearer <key>'),
  403: error(403, 'AUTH.FORBIDDEN', 'The key’s role may not call this route', 'role board may not POST /pupils'),
  404: error(404, 'PUPIL.NOT_FOUND', 'Unknown pupil or recipient (or one of a school the key does not serve)', 'pupil p-0000 is not enrolled'),
  409: error(409, 'CONSENT.NOT_ACTIVE', 'A rule or a concurrent change refuses: nothing was recorded', 'there is no consent in force to withdraw'),
  410: error(410, 'PUPIL.DOSSIER_DESTROYED', 'The pupil’s dossier was destroyed', 'the dossier of pupil p-4712 was destroyed'),
  413: error(413, 'VALIDATION.TOO_LARGE', 'The body is over 1 MiB after decompression', 'the body is larger than 1048576 bytes (1 MiB) after decompression'),
  415: error(
    415,
    'VALIDATION.UNSUPPORTED_MEDIA_TYPE',
    'Not JSON: send application/json in UTF-8',
    'send the body as application/json in UTF-8, with content-encoding identity or gzip',
  ),
  429: error(
    429,
    'AUTH.TOO_MANY_WRONG_KEYS',
    'Too many wrong keys from this client (see Retry-After)',
    'too many wrong API keys from this client; try again in 60 s',
  ),
  503: error(
    503,
    'STORE.UNAVAILABLE',
    'The store cannot acknowledge now (a file gone or replaced, read-only); for a read of personal data: READS.NOT_RECORDED',
    'commands cannot be acknowledged',
  ),
  507: error(
    507,
    'STORE.DISK_FULL',
    'The disk holding the data is full: nothing was recorded',
    'the disk holding the ledger’s data is full: nothing was recorded',
  ),
};

/** The errors a route can answer, by what it is (its route kind) and how it is called. */
export const errorStatusesOf = (kind: string, method: string, path: string, hasQuery: boolean): number[] => {
  if (kind === 'public') return [503];
  const s = new Set([401, 403, 429]);
  if (method === 'post') [400, 413, 415].forEach((x) => s.add(x));
  if (hasQuery || path.includes('{')) s.add(400);
  if (path.includes('{pupilId}') || path.includes('{recipientId}') || kind === 'access' || path === '/data-sharings') s.add(404);
  if (kind === 'pupilCommand' || kind === 'registerCommand') [409, 503, 507].forEach((x) => s.add(x));
  if (kind === 'pupilCommand') [404, 410].forEach((x) => s.add(x));
  if (kind === 'seal') [503, 507].forEach((x) => s.add(x));
  if (kind === 'history' || kind === 'export') s.add(503);
  return [...s].sort((a, b) => a - b);
};
