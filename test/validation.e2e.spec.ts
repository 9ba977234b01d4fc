import request from 'supertest';
import { KEYS, type LedgerApp, consentBody, enrolBody, startLedger } from './support/ledger-app';

let ledger: LedgerApp;
beforeAll(async () => {
  ledger = await startLedger();
  await ledger.as('registrar').post('/pupils', enrolBody('p-known')).expect(201);
});
afterAll(() => ledger.close());

/** JSON text with an extra key put in front, as a client would send it (a JS literal would set a prototype instead). */
const withKey = (body: object, key: string, value: unknown = { polluted: true }) =>
  JSON.stringify(body).replace(/^\{/, `{${JSON.stringify(key)}:${JSON.stringify(value)},`);

const postText = (path: string, text: string) =>
  request(ledger.app.getHttpServer()).post(path).set('Authorization', `Bearer ${KEYS.registrar}`).set('content-type', 'application/json').send(text);

interface Case {
  readonly name: string;
  readonly path?: string;
  /** The body as JSON text, or a value to send as JSON. */
  readonly body: string | object;
  readonly status: number;
  /** Exactly the fields the 400 must name. */
  readonly fields?: readonly string[];
}

const enrol = (id: string, extra: object = {}) => enrolBody(id, extra);
const g = (guardianId: string) => ({ guardianId, relation: 'parent' });

/** Issue 10 items 1 and 2: shapes, keys and dates that once became permanent facts, with the exact answer. */
const CASES: readonly Case[] = [
  { name: 'guardians as a list inside a list', body: enrol('p-v1', { guardians: [[g('p-v1-mum')]] }), status: 400, fields: ['guardians'] },
  { name: 'personal as a list', body: enrol('p-v2', { personal: [{ name: 'Anna' }] }), status: 400, fields: ['personal'] },
  { name: 'personal as a string', body: enrol('p-v3', { personal: 'Anna de Vries' }), status: 400, fields: ['personal'] },
  { name: 'guardians as a string', body: enrol('p-v4', { guardians: 'p-v4-mum' }), status: 400, fields: ['guardians'] },
  { name: 'a guardian as a string', body: enrol('p-v5', { guardians: ['p-v5-mum'] }), status: 400, fields: ['guardians', 'guardians[0]'] },
  { name: 'a guardian as null', body: enrol('p-v5b', { guardians: [null] }), status: 400, fields: ['guardians', 'guardians[0]'] },
  {
    name: 'the same guardian twice',
    body: enrol('p-v6', { guardians: [g('p-v6-mum'), { guardianId: 'p-v6-mum', relation: 'guardian' }] }),
    status: 400,
    fields: ['guardians'],
  },
  { name: 'the pupil as their own guardian', body: enrol('p-v7', { guardians: [g('p-v7')] }), status: 400, fields: ['guardians'] },
  { name: 'a birth date in 2099', body: enrol('p-v8', { personal: { name: 'A', birthDate: '2099-01-01' } }), status: 400, fields: ['personal.birthDate'] },
  {
    name: 'a birth date after the enrolment',
    body: enrol('p-v9', { personal: { name: 'A', birthDate: '2025-08-26' } }),
    status: 400,
    fields: ['personal.birthDate'],
  },
  {
    name: 'a birth date 30 years and a day before the enrolment',
    body: enrol('p-v10', { personal: { name: 'A', birthDate: '1995-08-24' } }),
    status: 400,
    fields: ['personal.birthDate'],
  },
  { name: 'a birth date in 1018', body: enrol('p-v11', { personal: { name: 'A', birthDate: '1018-03-01' } }), status: 400, fields: ['personal.birthDate'] },
  ...['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'extra'].map((key) => ({
    name: `an extra key ${key}`,
    body: withKey(enrol(`p-key-${key.replace(/_/g, 'u')}`), key),
    status: 400,
    fields: [key],
  })),
  {
    name: '__proto__ inside a guardian',
    body: enrol('p-v12', { guardians: [JSON.parse(withKey(g('p-v12-mum'), '__proto__'))] }),
    status: 400,
    fields: ['guardians[0].__proto__'],
  },
  {
    name: 'constructor inside personal',
    body: enrol('p-v13', { personal: JSON.parse(withKey({ name: 'A' }, 'constructor', 'x')) }),
    status: 400,
    fields: ['personal.constructor'],
  },
  {
    name: '__proto__ inside a list of ids',
    path: '/data-sharings',
    body: { recipientId: 'r', pupilIds: [JSON.parse('{"__proto__":{"a":1}}')], dataCategories: ['identity'], legalBasis: 'consent' },
    status: 400,
    fields: ['pupilIds[0].__proto__', 'pupilIds'],
  },
  {
    name: '__proto__ on a consent',
    path: '/pupils/p-known/consents',
    body: withKey(consentBody('p-known', 'photo-website'), '__proto__'),
    status: 400,
    fields: ['__proto__'],
  },
  {
    name: 'toString on a recipient',
    path: '/recipients',
    body: withKey({ recipientId: 'r-1', name: 'Bieb', kind: 'third_party', dataCategories: ['identity'] }, 'toString', 'x'),
    status: 400,
    fields: ['toString'],
  },
  {
    name: 'every bad field at once',
    body: withKey(
      enrol('p-v14', {
        enrolledOn: '2025-02-30',
        guardians: [{ guardianId: 'p-v14-mum', relation: 'aunt', nickname: 'm' }],
        personal: { name: 'A', birthDate: '2099-01-01' },
      }),
      '__proto__',
    ),
    status: 400,
    fields: ['__proto__', 'guardians[0].nickname', 'enrolledOn', 'guardians[0].relation', 'personal.birthDate'],
  },
  // The bounds themselves are accepted.
  { name: 'a birth date 30 years before the enrolment', body: enrol('p-ok1', { personal: { name: 'A', birthDate: '1995-08-25' } }), status: 201 },
  { name: 'a birth date on the day of enrolment', body: enrol('p-ok2', { personal: { name: 'A', birthDate: '2025-08-25' } }), status: 201 },
  { name: 'one guardian', body: enrol('p-ok3', { guardians: [g('p-ok3-mum')] }), status: 201 },
];

describe('validation that cannot be fooled by shape', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const before = await ledger.store.head();
    const text = typeof c.body === 'string' ? c.body : JSON.stringify(c.body);
    const res = await postText(c.path ?? '/pupils', text);
    expect(res.status).toBe(c.status);
    if (c.status === 400) {
      expect(res.body).toEqual({ error: 'VALIDATION.INVALID', message: expect.any(String), details: expect.any(Array) });
      expect([...new Set(res.body.details.map((d: { field: string }) => d.field))].sort()).toEqual([...c.fields!].sort());
      for (const f of c.fields!) expect(res.body.message).toContain(f);
      expect(await ledger.store.head()).toBe(before);
    }
  });

  it('never merges a __proto__ key into a prototype', async () => {
    await postText('/pupils', withKey(enrol('p-pollute'), '__proto__', { polluted: 'yes' })).expect(400);
    await postText('/pupils', JSON.stringify(enrol('p-pollute2', { guardians: [JSON.parse(withKey(g('x'), '__proto__', { polluted: 'yes' }))] }))).expect(400);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('stores a valid enrolment exactly as sent, guardians as objects', async () => {
    await postText('/pupils', JSON.stringify(enrol('p-stored'))).expect(201);
    const [event] = await ledger.stream('p-stored');
    expect(event?.data).toMatchObject({ guardians: [g('p-stored-mum'), g('p-stored-dad')] });
  });

  it('refuses unknown query keys, prototype names too', async () => {
    for (const key of ['__proto__', 'constructor', 'extra']) {
      const res = await ledger.as('director').get(`/pupils/p-known/consents?${key}=1`).expect(400);
      expect(res.body.details).toEqual([{ field: key, problem: 'is not a field of this request' }]);
    }
  });
});
