import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { OperationObject, ParameterObject, ResponseObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ERROR_RESPONSES, errorStatusesOf, errorSchema } from './error-responses';
import { EXAMPLES } from './examples';
import type { OperationExample } from './operation-example';
import { SUMMARIES } from './summaries';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const COMMAND_KINDS = ['pupilCommand', 'registerCommand'];

const IDEMPOTENCY_KEY: ParameterObject = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Any string of 1–200 printable characters. The same key (per API key) with the same request answers the first answer and records nothing new; with another request it is refused with 409 IDEMPOTENCY.KEY_REUSED. The ledger keeps only its SHA-256.',
  schema: { type: 'string', minLength: 1, maxLength: 200 },
  example: 'form-2025-0193',
};

const CORRELATION_ID: ParameterObject = {
  name: 'X-Correlation-Id',
  in: 'header',
  required: false,
  description: 'A UUID to record with the events; anything else is replaced by one the ledger makes. The answer’s X-Correlation-Id names the one recorded.',
  schema: { type: 'string', format: 'uuid' },
};

/** Routes answered from the read models: they wait for a position and say which one they reflect. */
const READ_MODEL_KINDS = ['consents', 'consentCheck', 'access', 'boardReport', 'worksCouncilReport'];

const MIN_POSITION: ParameterObject = {
  name: 'Ledger-Min-Position',
  in: 'header',
  required: false,
  description:
    'A position the answer should reflect: the `position` of a command’s answer, from this or another instance. The read models are waited for until they reach it (and what this instance itself acknowledged) for at most LEDGER_READ_WAIT_MS (2 s by default); past that the answer is what they hold, and `Ledger-Position` says which position that is. Anything that is no position is refused with 400 VALIDATION.INVALID.',
  schema: { type: 'string', minLength: 1, maxLength: 200 },
  example: '42',
};

const POSITION = {
  description:
    'The position of the log the read models reflected (at least) when this answer was read from them; absent while the log is empty. Lower than a position waited for when the wait ran out.',
  schema: { type: 'string' },
  example: '42',
};

/** A response example's value: an error's body in the ledger's shape, a command's reference, or none. */
const valueOf = (e: OperationExample, kind: string): unknown => {
  if (e.error) return { error: e.error, message: e.summary, details: [] };
  if (e.status === 201 && COMMAND_KINDS.includes(kind)) return { eventId: '0b5c8f3e-6a7d-4e21-9f0a-3c2d1e4b5a69', position: '42' };
  return undefined;
};

/** Adds one named example to the request (body and parameters) and to the response of its status. */
const addExample = (op: OperationObject, e: OperationExample, kind: string): void => {
  const named = { summary: e.summary };
  if (e.body && op.requestBody && 'content' in op.requestBody)
    for (const media of Object.values(op.requestBody.content)) media.examples = { ...media.examples, [e.name]: { ...named, value: e.body } };
  for (const p of (op.parameters ?? []) as ParameterObject[]) {
    const value = p.in === 'path' ? e.path?.[p.name] : p.in === 'query' ? e.query?.[p.name] : undefined;
    if (value !== undefined) p.examples = { ...p.examples, [e.name]: { ...named, value } };
  }
  const response = (op.responses[String(e.status)] ??= { description: ERROR_RESPONSES[e.status]?.description ?? 'answered' }) as ResponseObject;
  response.content ??= { 'application/json': {} };
  const media = Object.values(response.content)[0];
  const value = valueOf(e, kind);
  delete media.example;
  media.examples = { ...media.examples, [e.name]: value === undefined ? named : { ...named, value } };
};

/**
 * Completes what @nestjs/swagger makes of the controllers: a summary per operation, the role(s)
 * each route needs (from `@Allow`, in words and as `x-roles`), the `Idempotency-Key` header of every
 * command, every error the route can answer in the ledger's shape, the examples of examples.ts, and
 * on the routes answered from the read models the `Ledger-Min-Position` and `Ledger-Position` headers.
 */
export const completeDocument = (doc: OpenAPIObject): OpenAPIObject => {
  doc.components = { ...doc.components, schemas: { ...doc.components?.schemas, Error: errorSchema } };
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- the x- extensions are the ledger's own, unknown to the OpenAPI types
      const op = item[method] as (OperationObject & { 'x-roles'?: string[]; 'x-route-kind'?: string; 'x-board-wide'?: boolean }) | undefined;
      if (!op) continue;
      const route = `${method.toUpperCase()} ${path}`;
      const kind = op['x-route-kind'] ?? 'public';
      op.summary = SUMMARIES[route];
      const roles = op['x-roles'] ?? [];
      const who = kind === 'public' ? 'No key needed.' : `Roles: ${roles.join(', ')}${op['x-board-wide'] ? ' (a key that names no schools)' : ''}.`;
      op.description = [op.description, who].filter(Boolean).join('\n\n');
      if (kind === 'public') op.security = [];
      if (COMMAND_KINDS.includes(kind)) op.parameters = [...(op.parameters ?? []), IDEMPOTENCY_KEY, CORRELATION_ID];
      if (READ_MODEL_KINDS.includes(kind)) op.parameters = [...(op.parameters ?? []), MIN_POSITION];
      for (const r of Object.values(op.responses) as ResponseObject[]) if (!r.description) r.description = 'answered';
      const hasQuery = (op.parameters ?? []).some((p) => 'in' in p && p.in === 'query');
      for (const status of errorStatusesOf(kind, method, path, hasQuery)) op.responses[String(status)] ??= ERROR_RESPONSES[status].response();
      for (const e of EXAMPLES[route] ?? []) addExample(op, e, kind);
      if (READ_MODEL_KINDS.includes(kind))
        for (const [status, r] of Object.entries(op.responses) as [string, ResponseObject][])
          if (/^(2|404)/.test(status)) op.responses[status] = { ...r, headers: { ...r.headers, 'Ledger-Position': POSITION } };
    }
  }
  return doc;
};

/** The ledger's OpenAPI document, as /docs and /docs-json serve it. */
export const ledgerOpenApi = (app: INestApplication): OpenAPIObject =>
  completeDocument(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Consent ledger')
        .setDescription(
          'Every privacy-relevant fact about a pupil as an immutable event: consents, refusals, withdrawals, ' +
            'data sharings and dossier destructions, answerable as of any moment. Contract v1. Every error answers ' +
            '`{error, message, details}`; the examples tell one story, in the order of their numbers.',
        )
        .setVersion('1')
        .setLicense('EUPL-1.2', 'https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12')
        .addServer('/', 'this ledger')
        .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'an API key; each key has one role' })
        .addSecurityRequirements('bearer')
        .build(),
    ),
  );
