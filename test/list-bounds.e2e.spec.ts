import { type LedgerApp, enrolBody, startLedger } from './support/ledger-app';

let ledger: LedgerApp;
beforeAll(async () => {
  ledger = await startLedger();
  await ledger
    .as('registrar')
    .post('/recipients', { recipientId: 'bieb', name: 'Bibliotheek', kind: 'third_party', purpose: 'share-library', dataCategories: ['identity'] })
    .expect(201);
});
afterAll(() => ledger.close());

const ids = (n: number, prefix = 'p') => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
const guardians = (n: number) => Array.from({ length: n }, (_, i) => ({ guardianId: `g-${i}`, relation: 'parent' }));

/** 400 naming the field and its bound, nothing appended. */
const refusedForSize = async (role: 'registrar' | 'director', path: string, body: object, field: string, bound: string) => {
  const before = await ledger.store.head();
  const res = await ledger.as(role).post(path, body).expect(400);
  expect(res.body.error).toBe('VALIDATION.INVALID');
  expect(res.body.details).toContainEqual({ field, problem: bound });
  expect(await ledger.store.head()).toBe(before);
};

describe('every list in a request is bounded, and the 400 says so', () => {
  it('a consent check: at most 1,000 pupils', async () => {
    await refusedForSize(
      'director',
      '/consent-checks',
      { purpose: 'photo-website', pupilIds: ids(1001) },
      'pupilIds',
      'holds at most 1000 ids (this request has 1001)',
    );
    const ok = await ledger
      .as('director')
      .post('/consent-checks', { purpose: 'photo-website', pupilIds: ids(1000) })
      .expect(200);
    expect(ok.body.results).toHaveLength(1000);
  });

  it('a sharing: at most 10,000 pupils', () =>
    refusedForSize(
      'registrar',
      '/data-sharings',
      { recipientId: 'bieb', pupilIds: ids(10_001), dataCategories: ['identity'], legalBasis: 'consent' },
      'pupilIds',
      'holds at most 10000 ids (this request has 10001)',
    ));

  it('an enrolment: at most 10 guardians', async () => {
    await refusedForSize(
      'registrar',
      '/pupils',
      enrolBody('p-big-family', { guardians: guardians(11) }),
      'guardians',
      'holds at most 10 entries (this request has 11)',
    );
    await ledger
      .as('registrar')
      .post('/pupils', enrolBody('p-big-family', { guardians: guardians(10) }))
      .expect(201);
  });

  it('data categories: at most 8; a recipient’s laws: at most 50', async () => {
    const nine = ['identity', 'contact', 'school-results', 'health', 'religion', 'photo-video', 'care-reports', 'login-minimal', 'identity'];
    await refusedForSize(
      'registrar',
      '/recipients',
      { recipientId: 'r-9', name: 'R', kind: 'authority', dataCategories: nine },
      'dataCategories',
      'holds at most 8 data categories (this request has 9)',
    );
    const laws = Array.from({ length: 51 }, (_, i) => `Wet ${i}`);
    await refusedForSize(
      'registrar',
      '/recipients',
      { recipientId: 'r-51', name: 'R', kind: 'authority', dataCategories: ['identity'], legalReferences: laws },
      'legalReferences',
      'holds at most 50 laws (this request has 51)',
    );
  });

  it('an error’s details hold at most 100 entries, the last saying how many more; its message names ten', async () => {
    const res = await ledger
      .as('registrar')
      .post('/data-sharings', { recipientId: 'bieb', pupilIds: ids(250, 'unknown'), dataCategories: ['identity'], legalBasis: 'consent' })
      .expect(404);
    expect(res.body.error).toBe('PUPIL.NOT_FOUND');
    expect(res.body.details).toHaveLength(100);
    expect(res.body.details[98]).toMatchObject({ field: 'pupilIds', pupilId: 'unknown-98' });
    expect(res.body.details[99]).toEqual({ field: '…', problem: 'and 151 more problems, not listed' });
    expect(res.body.message).toBe(`the sharing is refused for ${ids(10, 'unknown').join(', ')} and 240 more; nothing was recorded`);
  });

  it('OpenAPI shows the bounds', async () => {
    const doc = (await ledger.as('director').get('/docs-json').expect(200)).body as {
      components: { schemas: Record<string, { properties: Record<string, { maxItems?: number }> }> };
    };
    const bound = (schema: string, field: string) => doc.components.schemas[schema].properties[field].maxItems;
    expect([
      bound('ConsentCheckDto', 'pupilIds'),
      bound('ShareDataDto', 'pupilIds'),
      bound('EnrolPupilDto', 'guardians'),
      bound('ShareDataDto', 'dataCategories'),
      bound('RegisterRecipientDto', 'legalReferences'),
    ]).toEqual([1000, 10000, 10, 8, 50]);
  });
});
