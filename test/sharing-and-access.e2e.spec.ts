import { type LedgerApp, consentBody, enrolBody, startLedger } from './support/ledger-app';

let ledger: LedgerApp;
const registrar = () => ledger.as('registrar');
const director = () => ledger.as('director');

beforeAll(async () => {
  ledger = await startLedger();
  ledger.clock.current = '2025-10-01T10:00:00.000Z';
  for (const id of ['a', 'b', 'c']) await registrar().post('/pupils', enrolBody(id)).expect(201);
  await registrar()
    .post('/pupils/a/consents', consentBody('a', 'share-library', { givenAt: '2025-09-01T00:00:00Z' }))
    .expect(201);
  await registrar()
    .post('/pupils/b/consents', consentBody('b', 'share-library', { givenAt: '2025-09-01T00:00:00Z' }))
    .expect(201);
  await registrar().post('/pupils/c/consents/share-library/refusal', { guardianId: 'c-mum' }).expect(201);
  await registrar()
    .post('/recipients', {
      recipientId: 'library',
      name: 'Openbare bibliotheek',
      kind: 'third_party',
      purpose: 'share-library',
      dataCategories: ['identity', 'contact'],
    })
    .expect(201);
  await registrar()
    .post('/recipients', { recipientId: 'duo', name: 'DUO', kind: 'authority', dataCategories: ['identity', 'school-results', 'health'] })
    .expect(201);
  await registrar()
    .post('/recipients', { recipientId: 'publisher', name: 'Uitgeverij', kind: 'processor', dataCategories: ['identity', 'login-minimal', 'school-results'] })
    .expect(201);
  await registrar()
    .post('/recipients/publisher/agreements', { agreementId: 'pa-1', validFrom: '2025-08-01T00:00:00Z', dataCategories: ['identity', 'login-minimal'] })
    .expect(201);
});
afterAll(() => ledger.close());

const allEvents = async () => (await Promise.all(['a', 'b', 'c'].map((p) => ledger.stream(p)))).flat();

describe('POST /data-sharings (rule 5)', () => {
  it('refuses a consent sharing if any pupil lacks consent, naming each such pupil, and records nothing', async () => {
    const before = await allEvents();
    const res = await registrar()
      .post('/data-sharings', { recipientId: 'library', pupilIds: ['a', 'b', 'c'], dataCategories: ['identity'], legalBasis: 'consent' })
      .expect(409);
    expect(res.body.error).toBe('CONSENT.MISSING_FOR_SHARING');
    expect(res.body.details).toEqual([expect.objectContaining({ pupilId: 'c', problem: expect.stringContaining('refused') })]);
    expect(await allEvents()).toEqual(before);
  });

  it('records one DataShared per pupil, resting on their consent events', async () => {
    const res = await registrar()
      .post('/data-sharings', {
        recipientId: 'library',
        pupilIds: ['a', 'b'],
        dataCategories: ['identity'],
        legalBasis: 'consent',
        sharedAt: '2025-09-15T00:00:00Z',
      })
      .expect(201);
    expect(res.body).toEqual({ sharingId: expect.any(String), eventIds: [expect.any(String), expect.any(String)] });
    const [shared] = (await ledger.stream('a')).filter((e) => e.type === 'DataShared');
    expect(shared.data).toMatchObject({ recipientId: 'library', legalBasis: 'consent', purpose: 'share-library', consentEventIds: [expect.any(String)] });
  });

  it('refuses categories outside the register, a missing legal reference, special categories without a basis', async () => {
    const cases: [object, number, string][] = [
      [{ recipientId: 'library', pupilIds: ['a'], dataCategories: ['health'], legalBasis: 'consent' }, 409, 'SHARING.CATEGORY_NOT_REGISTERED'],
      [{ recipientId: 'duo', pupilIds: ['a'], dataCategories: ['identity'], legalBasis: 'legal_obligation' }, 400, 'SHARING.LEGAL_REFERENCE_REQUIRED'],
      [{ recipientId: 'publisher', pupilIds: ['a'], dataCategories: ['school-results'], legalBasis: 'processor_agreement' }, 409, 'AGREEMENT.NOT_IN_FORCE'],
      [
        { recipientId: 'nobody', pupilIds: ['a'], dataCategories: ['identity'], legalBasis: 'legal_obligation', legalReference: 'x' },
        404,
        'RECIPIENT.NOT_FOUND',
      ],
      [{ recipientId: 'library', pupilIds: ['a', 'ghost'], dataCategories: ['identity'], legalBasis: 'consent' }, 404, 'PUPIL.NOT_FOUND'],
      [{ recipientId: 'library', pupilIds: [], dataCategories: ['identity'], legalBasis: 'gut-feeling' }, 400, 'VALIDATION.INVALID'],
    ];
    const before = await allEvents();
    for (const [body, status, code] of cases) {
      const res = await registrar().post('/data-sharings', body);
      expect([res.status, res.body.error]).toEqual([status, code]);
    }
    expect(await allEvents()).toEqual(before);
  });

  it('shares special categories on a legal obligation, and login data under a processor agreement', async () => {
    await registrar()
      .post('/data-sharings', {
        recipientId: 'duo',
        pupilIds: ['c'],
        dataCategories: ['identity', 'health'],
        legalBasis: 'legal_obligation',
        legalReference: 'WPO art. 178a',
      })
      .expect(201);
    await registrar()
      .post('/data-sharings', {
        recipientId: 'publisher',
        pupilIds: ['a', 'c'],
        dataCategories: ['login-minimal'],
        legalBasis: 'processor_agreement',
        sharedAt: '2025-09-20T00:00:00Z',
      })
      .expect(201);
  });
});

describe('GET /access: who could see what, when', () => {
  it('ends a consent sharing when the consent is withdrawn, and a processor sharing when the agreement ends', async () => {
    await registrar().post('/pupils/a/consents/share-library/withdrawal', { guardianId: 'a-mum', withdrawnAt: '2025-09-25T00:00:00Z' }).expect(201);
    await registrar().post('/recipients/publisher/agreements/pa-1/end', { endedAt: '2025-09-28T00:00:00Z' }).expect(201);

    const during = await director().get('/access?pupilId=a&at=2025-09-21T00:00:00Z').expect(200);
    expect(during.body.access).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ recipientId: 'library', from: '2025-09-15T00:00:00.000Z', until: '2025-09-25T00:00:00.000Z', legalBasis: 'consent' }),
        expect.objectContaining({ recipientId: 'publisher', from: '2025-09-20T00:00:00.000Z', until: '2025-09-28T00:00:00.000Z' }),
      ]),
    );
    expect(during.body.access).toHaveLength(2);
    expect(during.body.access[0].eventIds.length).toBeGreaterThanOrEqual(2);

    const after = await director().get('/access?pupilId=a&at=2025-09-26T00:00:00Z').expect(200);
    expect(after.body.access.map((l: { recipientId: string }) => l.recipientId)).toEqual(['publisher']);
    expect((await director().get('/access?pupilId=a&at=2025-09-14T00:00:00Z').expect(200)).body.access).toEqual([]);
  });

  it('answers the reverse question: which pupils a recipient could see', async () => {
    const res = await ledger.as('board').get('/access?recipientId=library&at=2025-09-26T00:00:00Z').expect(200);
    expect(res.body.access.map((l: { pupilId: string }) => l.pupilId)).toEqual(['b']);
  });

  it('asks for exactly one of pupilId and recipientId, and knows whom it is asked about', async () => {
    await director().get('/access').expect(400);
    await director().get('/access?pupilId=a&recipientId=library').expect(400);
    await director().get('/access?pupilId=ghost').expect(404);
    await director().get('/access?recipientId=ghost').expect(404);
  });
});

describe('rule 6: a withdrawal and a sharing racing for one pupil', () => {
  it('never records a sharing after the withdrawal it raced with', async () => {
    for (let i = 0; i < 10; i++) {
      const id = `race-${i}`;
      await registrar().post('/pupils', enrolBody(id)).expect(201);
      await registrar()
        .post(`/pupils/${id}/consents`, consentBody(id, 'share-library', { givenAt: '2025-09-01T00:00:00Z' }))
        .expect(201);
      const [share, withdraw] = await Promise.all([
        registrar().post('/data-sharings', { recipientId: 'library', pupilIds: [id], dataCategories: ['identity'], legalBasis: 'consent' }),
        registrar().post(`/pupils/${id}/consents/share-library/withdrawal`, { guardianId: `${id}-mum` }),
      ]);
      expect(withdraw.status).toBe(201);
      const types = (await ledger.stream(id)).map((e) => e.type);
      if (share.status === 201) expect(types.slice(2)).toEqual(['DataShared', 'ConsentWithdrawn']);
      else {
        expect(share.status).toBe(409);
        expect(types.slice(2)).toEqual(['ConsentWithdrawn']);
      }
    }
  });
});
