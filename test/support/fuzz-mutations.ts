import fc from 'fast-check';
import { gzipSync } from 'node:zlib';

/** What goes over the wire: headers besides the key, and the bytes of the body (none: no body). */
export interface Wire {
  readonly headers: Readonly<Record<string, string>>;
  readonly payload: Buffer | undefined;
}

type Body = Record<string, unknown> | undefined;
/** A body as JSON text (undefined: no body), made from a valid one. */
type BodyMutation = { readonly kind: string; readonly apply: (b: Body) => string | undefined };
type WireMutation = { readonly kind: string; readonly apply: (text: string | undefined) => Wire };

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineSetter__'];
/** Times that once got past a parser somewhere, or should never: every one must be a 400, never a 500. */
const HOSTILE_TIMES = [
  '2026-13-01',
  '2026-02-30',
  '2026-02-30T10:00',
  '2026-03-29T02:30',
  '2026-10-25T02:30',
  '2026-W10-1',
  '2026-060',
  '20260301T100000Z',
  '2026-03-01T10:00:00,5Z',
  '2026-03-01T10:00:00.1234Z',
  '9999-12-31T23:59:59Z',
  '0000-01-01',
  '+002026-03-01T10:00:00Z',
  '-000001-01-01',
  '2026-03-01T24:00:00Z',
  '2026-03-01T10:00:00+25:00',
  '2026-03-01T10:60Z',
  '',
  ' ',
  'now',
  'NaN',
  'Infinity',
  '1e21',
  '2026-03-01T10:00:00Z ',
  '２０２６-03-01',
  '2026-03-01T10:00:00\u0000Z',
  '1970-01-01T00:00:00Z',
  '2100-01-01',
  '2026-02-29',
  '2024-02-29T12:00:00+14:00',
];
const LONE_SURROGATES = ['\ud800', 'a\udfffb', '\u0000', '\u202e', '\ufeff'];

const keysOf = (b: Body) => (b ? Object.keys(b) : []);
const pick = <T>(xs: readonly T[], n: number): T | undefined => (xs.length ? xs[n % xs.length] : undefined);
/** The body's text with one field's value replaced by raw JSON text (which may nest deeper than JSON.stringify likes). */
const withRaw = (b: Body, key: string, raw: string) => JSON.stringify({ ...b, [key]: '\u0000RAW\u0000' }).replace('"\\u0000RAW\\u0000"', () => raw);
/** The body's text with an extra key in front, written as a client writes it: a JS literal would set a prototype. */
const withKeyFirst = (text: string, key: string, value: unknown) =>
  text === '{}' ? `{${JSON.stringify(key)}:${JSON.stringify(value)}}` : text.replace(/^\{/, () => `{${JSON.stringify(key)}:${JSON.stringify(value)},`);
/** Puts the extra key inside the first object found in the body (a guardian, personal), or at the top. */
const withKeyNested = (b: Body, key: string, value: unknown) => {
  const host = keysOf(b).find((k) => typeof b![k] === 'object' && b![k] !== null);
  if (!host) return withKeyFirst(JSON.stringify(b ?? {}), key, value);
  const v = b![host];
  const inner = Array.isArray(v) ? (typeof v[0] === 'object' && v[0] !== null ? v[0] : {}) : v;
  return withRaw(b, host, (Array.isArray(v) ? '[' : '') + withKeyFirst(JSON.stringify(inner), key, value) + (Array.isArray(v) ? ']' : ''));
};

const json = fc.jsonValue({ maxDepth: 3 });
const body = (kind: string, apply: (b: Body) => string | undefined): BodyMutation => ({ kind, apply });

export const bodyMutation: fc.Arbitrary<BodyMutation> = fc.oneof(
  { weight: 6, arbitrary: fc.constant(body('valid', (b) => (b === undefined ? undefined : JSON.stringify(b)))) },
  {
    weight: 2,
    arbitrary: fc
      .nat()
      .map((n) => body('drop a field', (b) => JSON.stringify(Object.fromEntries(Object.entries(b ?? {}).filter(([k]) => k !== pick(keysOf(b), n)))))),
  },
  { weight: 3, arbitrary: fc.tuple(fc.nat(), json).map(([n, v]) => body('retype a field', (b) => JSON.stringify({ ...b, [pick(keysOf(b), n) ?? 'x']: v }))) },
  {
    weight: 2,
    arbitrary: fc.nat().map((n) =>
      body('wrap a field in a list', (b) => {
        const k = pick(keysOf(b), n) ?? 'x';
        return JSON.stringify({ ...b, [k]: [b?.[k]] });
      }),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.nat().map((n) =>
      body('a string where a value was', (b) => {
        const k = pick(keysOf(b), n) ?? 'x';
        return JSON.stringify({ ...b, [k]: JSON.stringify(b?.[k] ?? null) });
      }),
    ),
  },
  { weight: 1, arbitrary: json.map((v) => body('another JSON value as the body', () => JSON.stringify(v))) },
  { weight: 1, arbitrary: fc.constant(body('the body in a list', (b) => JSON.stringify([b]))) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), fc.string({ maxLength: 12 })), json, fc.boolean())
      .map(([key, v, nested]) =>
        body(`extra key ${JSON.stringify(key)}${nested ? ' nested' : ''}`, (b) =>
          nested ? withKeyNested(b, key, v) : withKeyFirst(JSON.stringify(b ?? {}), key, v),
        ),
      ),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.nat(), fc.constantFrom(5_000, 300_000, 1_100_000, 3_000_000))
      .map(([n, size]) => body(`a string of ${size} characters`, (b) => JSON.stringify({ ...b, [pick(keysOf(b), n) ?? 'x']: 'x'.repeat(size) }))),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.nat(), fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 40, max: 5000 })))
      .map(([n, depth]) => body(`nested ${depth} deep`, (b) => withRaw(b, pick(keysOf(b), n) ?? 'x', `${'['.repeat(depth)}${']'.repeat(depth)}`))),
  },
  {
    weight: 3,
    arbitrary: fc.tuple(fc.nat(), fc.oneof(fc.constantFrom(...HOSTILE_TIMES), fc.string({ maxLength: 30 }))).map(([n, t]) =>
      body('a hostile time', (b) => {
        const times = keysOf(b).filter((k) => /At$|On$|Until$|From$|^at$|^until$|birthDate/.test(k));
        return JSON.stringify({ ...b, [pick(times, n) ?? pick(keysOf(b), n) ?? 'at']: t });
      }),
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.nat(), fc.oneof(fc.constantFrom(...LONE_SURROGATES), fc.string({ unit: 'binary', maxLength: 20 })))
      .map(([n, s]) => body('odd characters', (b) => JSON.stringify({ ...b, [pick(keysOf(b), n) ?? 'x']: s }))),
  },
);

const jsonWire =
  (headers: Record<string, string>) =>
  (text: string | undefined): Wire => ({
    headers: text === undefined ? {} : { 'content-type': 'application/json', ...headers },
    payload: text === undefined ? undefined : Buffer.from(text, 'utf8'),
  });
const wire = (kind: string, apply: (t: string | undefined) => Wire): WireMutation => ({ kind, apply });

export const wireMutation: fc.Arbitrary<WireMutation> = fc.oneof(
  { weight: 10, arbitrary: fc.constant(wire('json', jsonWire({}))) },
  {
    weight: 3,
    arbitrary: fc
      .constantFrom(
        'application/json; charset=utf-8',
        'application/json; charset=UTF-8',
        'application/json; charset=latin1',
        'application/json; charset=utf-16',
        'application/json;charset=',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/json-patch+json',
        'application/',
        '*/*',
        'application/json, text/plain',
        'APPLICATION/JSON',
      )
      .map((type) => wire(`content-type ${type}`, (t) => ({ headers: { 'content-type': type }, payload: Buffer.from(t ?? '{}', 'utf8') }))),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom('k-1', 'k-2', 'k-3', '', ' ', 'two words', 'ü', 'x'.repeat(200), '../../etc').map((key) =>
      wire(`Idempotency-Key ${JSON.stringify(key.slice(0, 12))}`, (t) => ({
        ...jsonWire({})(t),
        headers: { ...jsonWire({})(t).headers, 'idempotency-key': key },
      })),
    ),
  },
  { weight: 1, arbitrary: fc.constant(wire('no content type', (t) => ({ headers: {}, payload: Buffer.from(t ?? '{}', 'utf8') }))) },
  {
    weight: 2,
    arbitrary: fc.constant(
      wire('gzip', (t) => ({ headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, payload: gzipSync(Buffer.from(t ?? '{}', 'utf8')) })),
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom('gzip', 'br', 'deflate', 'identity', 'gzip, identity', 'GZIP', 'x-gzip', 'zstd').map((enc) =>
      wire(`content-encoding ${enc}, body as is`, (t) => ({
        headers: { 'content-type': 'application/json', 'content-encoding': enc },
        payload: Buffer.from(t ?? '{}', 'utf8'),
      })),
    ),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.nat(), fc.constantFrom('truncate', 'invalid byte', 'bom', 'trailing garbage')).map(([n, how]) =>
      wire(`bytes: ${how}`, (t) => {
        const b = Buffer.from(t ?? '{}', 'utf8');
        const at = n % (b.length + 1);
        const payload =
          how === 'truncate'
            ? b.subarray(0, at)
            : how === 'invalid byte'
              ? Buffer.concat([b.subarray(0, at), Buffer.from([0xc3, 0x28]), b.subarray(at)])
              : how === 'bom'
                ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b])
                : Buffer.concat([b, Buffer.from('}]garbage')]);
        return { headers: { 'content-type': 'application/json' }, payload };
      }),
    ),
  },
);
