import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { KEYS, type LedgerApp, enrolBody, startLedger } from './support/ledger-app';

let ledger: LedgerApp;
beforeAll(async () => (ledger = await startLedger()));
afterAll(() => ledger.close());

const json = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8');
const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

interface Case {
  readonly name: string;
  readonly path?: string;
  readonly headers?: Record<string, string>;
  readonly body?: Buffer | string;
  readonly status: number;
  /** A word the answer's message must contain. */
  readonly says?: RegExp;
  /** Answered by a page (HTML), not in the API's error shape. */
  readonly page?: true;
}

/** Issue 10 item 3 and DESIGN's errors: what a request may carry, each with its exact status. */
const CASES: readonly Case[] = [
  { name: 'a 5 MB body', headers: { 'content-type': 'application/json' }, body: Buffer.alloc(5 * 1024 * 1024, 0x20), status: 413, says: /1 MiB/ },
  {
    name: 'a gzip body that inflates past 1 MiB',
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    body: gzipSync(Buffer.from(JSON.stringify({ ...enrolBody('p-zip-bomb'), pad: ' '.repeat(2 * 1024 * 1024) }))),
    status: 413,
  },
  { name: 'JSON nested 3,000 deep', headers: { 'content-type': 'application/json' }, body: nested(3000), status: 400, says: /deeper than 32/ },
  {
    name: 'JSON nested 3,000 deep with an Idempotency-Key (the request hash recursed over it)',
    headers: { 'content-type': 'application/json', 'idempotency-key': 'deep-1' },
    body: `{"guardians":${nested(3000)}}`,
    status: 400,
    says: /deeper than 32/,
  },
  { name: 'JSON nested 33 deep', headers: { 'content-type': 'application/json' }, body: `{"guardians":${nested(32)}}`, status: 400, says: /deeper/ },
  {
    name: 'charset=latin1',
    headers: { 'content-type': 'application/json; charset=latin1' },
    body: json(enrolBody('p-latin1')),
    status: 415,
    says: /application\/json/,
  },
  {
    name: 'an empty charset (found by the fuzz: it answered 500)',
    headers: { 'content-type': 'application/json;charset=' },
    body: json(enrolBody('p-nocharset')),
    status: 415,
    says: /application\/json/,
  },
  { name: 'charset=utf-16', headers: { 'content-type': 'application/json; charset=utf-16' }, body: json(enrolBody('p-utf16')), status: 415 },
  {
    name: 'bytes that are not UTF-8',
    headers: { 'content-type': 'application/json' },
    body: Buffer.concat([Buffer.from('{"pupilId":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]),
    status: 400,
    says: /UTF-8/,
  },
  {
    name: 'content-encoding gzip with a body that is not gzip',
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    body: json(enrolBody('p-notgzip')),
    status: 400,
  },
  {
    name: 'content-encoding br',
    headers: { 'content-type': 'application/json', 'content-encoding': 'br' },
    body: json(enrolBody('p-br')),
    status: 415,
    says: /br/,
  },
  {
    name: 'content-encoding deflate',
    headers: { 'content-type': 'application/json', 'content-encoding': 'deflate' },
    body: json(enrolBody('p-deflate')),
    status: 415,
  },
  { name: 'a body without a content type', body: json(enrolBody('p-no-type')), status: 415, says: /application\/json/ },
  { name: 'text/plain', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(enrolBody('p-text')), status: 415, says: /application\/json/ },
  {
    name: 'a form outside /ui/',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'pupilId=p-form&schoolId=s-1',
    status: 415,
    says: /\/ui\//,
  },
  // The pages' forms (DESIGN, "Beyond contract v1") are read under /ui/: this sign-in form, sent without the Origin of
  // one of the ledger's pages, is refused by the page (403, as a page), not by the transport (415).
  { name: 'a form under /ui/', path: '/ui/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'key=abc', status: 403, page: true },
  {
    name: 'a form under /ui/ in latin1',
    path: '/ui/login',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=latin1' },
    body: 'key=abc',
    status: 415,
  },
  { name: 'application/xml', headers: { 'content-type': 'application/xml' }, body: '<pupil/>', status: 415 },
  {
    name: 'an unreadable content type',
    headers: { 'content-type': 'application/' },
    body: json(enrolBody('p-badtype')),
    status: 415,
    says: /application\/json/,
  },
  { name: 'JSON that does not parse', headers: { 'content-type': 'application/json' }, body: '{"pupilId": ', status: 400, says: /not valid JSON/ },
  { name: 'a JSON array instead of an object', headers: { 'content-type': 'application/json' }, body: json([enrolBody('p-array')]), status: 400 },
  { name: 'a JSON string instead of an object', headers: { 'content-type': 'application/json' }, body: '"p-string"', status: 400 },
  { name: 'content-type json with an empty body', headers: { 'content-type': 'application/json' }, body: '', status: 400 },
  // The accepted forms, so that the refusals above are refusals of the form and not of the content.
  { name: 'charset=utf-8', headers: { 'content-type': 'application/json; charset=utf-8' }, body: json(enrolBody('p-utf8')), status: 201 },
  { name: 'charset="UTF-8"', headers: { 'content-type': 'application/json; charset="UTF-8"' }, body: json(enrolBody('p-utf8q')), status: 201 },
  {
    name: 'content-encoding identity',
    headers: { 'content-type': 'application/json', 'content-encoding': 'identity' },
    body: json(enrolBody('p-identity')),
    status: 201,
  },
  { name: 'a gzip body', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: gzipSync(json(enrolBody('p-gzip'))), status: 201 },
  {
    name: 'content-encoding GZIP (codings are case-insensitive)',
    headers: { 'content-type': 'application/json', 'content-encoding': 'GZIP' },
    body: gzipSync(json(enrolBody('p-gzip-upper'))),
    status: 201,
  },
  {
    name: 'content-encoding " Gzip "',
    headers: { 'content-type': 'application/json', 'content-encoding': ' Gzip ' },
    body: gzipSync(json(enrolBody('p-gzip-mixed'))),
    status: 201,
  },
  {
    name: 'content-encoding GZIP with a body that is not gzip',
    headers: { 'content-type': 'application/json', 'content-encoding': 'GZIP' },
    body: json(enrolBody('p-notgzip-upper')),
    status: 400,
  },
  { name: 'content-encoding BR', headers: { 'content-type': 'application/json', 'content-encoding': 'BR' }, body: json(enrolBody('p-br-upper')), status: 415 },
  {
    name: 'a key twice in the body, named',
    headers: { 'content-type': 'application/json' },
    body: json(enrolBody('p-dup')).toString().replace('"schoolId":"s-1"', '"schoolId":"s-1","schoolId":"s-2"'),
    status: 400,
    says: /^the key schoolId appears more than once in the body/,
  },
  {
    name: 'a key twice in a nested object, named by its path',
    headers: { 'content-type': 'application/json' },
    body: json(enrolBody('p-dup2')).toString().replace('"relation":"parent"', '"relation":"parent","relation":"guardian"'),
    status: 400,
    says: /^the key guardians\[0\]\.relation appears more than once/,
  },
  { name: 'the same key in two objects is no duplicate', headers: { 'content-type': 'application/json' }, body: json(enrolBody('p-nodup')), status: 201 },
  {
    name: 'JSON nested 32 deep, refused for its shape only',
    headers: { 'content-type': 'application/json' },
    body: `{"guardians":${nested(31)}}`,
    status: 400,
    says: /guardians/,
  },
  { name: 'a POST without a body needs no content type', path: '/audit/checkpoints', status: 201 },
];

const send = (c: Case) => {
  const path = c.path ?? '/pupils';
  const role = path.startsWith('/audit') ? 'auditor' : 'registrar';
  let req = request(ledger.app.getHttpServer()).post(path).set('Authorization', `Bearer ${KEYS[role]}`);
  for (const [k, v] of Object.entries(c.headers ?? {})) req = req.set(k, v);
  // Bytes go as they are: superagent would otherwise serialise a Buffer as JSON.
  return c.body === undefined ? req : req.serialize((b: unknown) => b as string).send(c.body);
};

describe('transport limits', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const before = await ledger.store.head();
    const res = await send(c);
    const apiError = res.status >= 400 && !c.page;
    expect({ status: res.status, body: apiError ? res.body : {} }).toEqual({
      status: c.status,
      body: apiError ? { error: expect.any(String), message: expect.any(String), details: expect.any(Array) } : {},
    });
    if (c.page) expect(res.headers['content-type']).toMatch(/^text\/html/);
    if (c.says) expect(res.body.message).toMatch(c.says);
    if (c.status >= 400) expect(await ledger.store.head()).toBe(before);
  });

  it('names the duplicate key as the field at fault', async () => {
    const res = await send(CASES.find((c) => c.name === 'a key twice in a nested object, named by its path')!);
    expect(res.body.details).toEqual([{ field: 'guardians[0].relation', problem: expect.stringContaining('appears more than once') }]);
  });

  it('names the codes of the transport refusals', async () => {
    const codes = await Promise.all(
      ['a 5 MB body', 'charset=latin1', 'JSON nested 3,000 deep'].map(async (name) => (await send(CASES.find((c) => c.name === name)!)).body.error),
    );
    expect(codes).toEqual(['VALIDATION.TOO_LARGE', 'VALIDATION.UNSUPPORTED_MEDIA_TYPE', 'VALIDATION.INVALID']);
  });

  it('stores what a gzip body says, exactly as if it had come plain', async () => {
    await send({
      name: '',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(json(enrolBody('p-gzip-read'))),
      status: 201,
    });
    const [event] = await ledger.stream('p-gzip-read');
    expect(event?.data).toMatchObject({ pupilId: 'p-gzip-read', schoolId: 's-1', enrolledOn: '2025-08-25' });
  });
});
