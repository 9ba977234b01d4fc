import { ConsentExpiryScheduler } from '../src/pupils/expire-consents/consent-expiry.scheduler';
import { type LedgerApp, consentBody, enrolBody, startLedger } from './support/ledger-app';

/**
 * Issue 9's cases over HTTP, each asserting the right answer: facts typed in out of order, times
 * without a zone, and deadlines on Dutch calendar days. Runs under two host zones (jest projects
 * e2e and e2e-auckland): no answer may depend on the machine's zone.
 */
let ledger: LedgerApp;
const registrar = () => ledger.as('registrar');
const director = () => ledger.as('director');
const at = (iso: string) => (ledger.clock.current = iso);
const statusOf = async (pupilId: string, purpose: string, query: string) =>
  (await director().get(`/pupils/${pupilId}/consents?${query}`).expect(200)).body.consents.find((c: { purpose: string }) => c.purpose === purpose);

beforeAll(async () => {
  ledger = await startLedger();
  at('2025-08-25T08:00:00.000Z');
  await registrar()
    .post('/recipients', {
      recipientId: 'library',
      name: 'Openbare bibliotheek',
      kind: 'third_party',
      purpose: 'share-library',
      dataCategories: ['identity', 'contact'],
    })
    .expect(201);
});
afterAll(() => ledger.close());

describe('case 1: a later refusal is a new fact', () => {
  it('records the 1 November refusal after a late September one, and on 15 November the purpose is refused', async () => {
    await registrar().post('/pupils', enrolBody('c1')).expect(201);
    at('2025-10-01T10:00:00.000Z');
    await registrar()
      .post('/pupils/c1/consents', consentBody('c1', 'share-library', { givenAt: '2025-10-01T09:00:00+02:00' }))
      .expect(201);
    at('2025-10-20T10:00:00.000Z');
    const september = await registrar()
      .post('/pupils/c1/consents/share-library/refusal', { guardianId: 'c1-mum', refusedAt: '2025-09-01T09:00:00+02:00' })
      .expect(201);
    at('2025-11-01T10:00:00.000Z');
    const november = await registrar()
      .post('/pupils/c1/consents/share-library/refusal', { guardianId: 'c1-mum', refusedAt: '2025-11-01T09:00:00+01:00' })
      .expect(201);
    expect(november.body.eventId).not.toBe(september.body.eventId);
    expect((await ledger.stream('c1')).filter((e) => e.type === 'ConsentRefused')).toHaveLength(2);

    at('2025-11-15T10:00:00.000Z');
    expect(await statusOf('c1', 'share-library', 'at=2025-11-15')).toMatchObject({ status: 'refused', eventIds: [november.body.eventId] });
    const check = await registrar()
      .post('/consent-checks', { purpose: 'share-library', pupilIds: ['c1'], at: '2025-11-15T09:00:00' })
      .expect(200);
    expect(check.body.results[0]).toMatchObject({ allowed: false, status: 'refused' });
    const sharing = await registrar()
      .post('/data-sharings', {
        recipientId: 'library',
        pupilIds: ['c1'],
        dataCategories: ['identity'],
        legalBasis: 'consent',
        sharedAt: '2025-11-15T09:00:00',
      })
      .expect(409);
    expect(sharing.body).toMatchObject({ error: 'CONSENT.MISSING_FOR_SHARING', details: [expect.objectContaining({ pupilId: 'c1' })] });
  });
});

describe('case 2: who could see what, after a withdrawal typed in late (rule 13)', () => {
  let sharingId: string;
  let withdrawalId: string;

  it('keeps the sharing, ends its line before it began, and names the withdrawal', async () => {
    at('2025-10-01T10:00:00.000Z');
    await registrar().post('/pupils', enrolBody('c2')).expect(201);
    await registrar()
      .post('/pupils/c2/consents', consentBody('c2', 'share-library', { givenAt: '2025-10-01T09:00:00' }))
      .expect(201);
    at('2025-10-10T10:00:00.000Z');
    const shared = await registrar()
      .post('/data-sharings', {
        recipientId: 'library',
        pupilIds: ['c2'],
        dataCategories: ['identity'],
        legalBasis: 'consent',
        sharedAt: '2025-10-10T09:00:00',
      })
      .expect(201);
    [sharingId] = shared.body.eventIds;
    at('2025-10-20T10:00:00.000Z');
    withdrawalId = (
      await registrar().post('/pupils/c2/consents/share-library/withdrawal', { guardianId: 'c2-mum', withdrawnAt: '2025-10-05T09:00:00' }).expect(201)
    ).body.eventId;

    expect(await statusOf('c2', 'share-library', 'at=2025-10-12')).toMatchObject({ status: 'withdrawn' });
    const line = {
      recipientId: 'library',
      pupilId: 'c2',
      legalBasis: 'consent',
      from: '2025-10-10T07:00:00.000Z',
      until: '2025-10-05T07:00:00.000Z',
      eventIds: [sharingId, withdrawalId],
      problem: 'basis_ended_before_sharing',
    };
    for (const when of ['2025-10-10T09:00:00', '2025-10-12', '2026-06-01T00:00:00Z'])
      expect((await director().get(`/access?pupilId=c2&at=${when}`).expect(200)).body.access).toEqual([expect.objectContaining(line)]);
    expect((await director().get('/access?pupilId=c2&at=2025-10-09').expect(200)).body.access).toEqual([]);
    expect((await ledger.as('board').get('/access?recipientId=library&at=2025-10-12').expect(200)).body.access).toEqual([expect.objectContaining(line)]);
  });

  it('lists it in the board report as a sharing without basis', async () => {
    const report = await ledger.as('board').get('/reports/board?schoolId=s-1&from=2025-08-01&to=2026-07-31').expect(200);
    expect(report.body.sharingsWithoutBasis).toEqual([
      expect.objectContaining({
        pupilId: 'c2',
        recipientId: 'library',
        sharedAt: '2025-10-10T07:00:00.000Z',
        basisEndedAt: '2025-10-05T07:00:00.000Z',
        eventIds: [sharingId, withdrawalId],
      }),
    ]);
  });

  it('stops listing it once the dossier is destroyed, which is no problem of its own', async () => {
    at('2026-01-10T10:00:00.000Z');
    await registrar().post('/pupils/c2/dossier-destruction', { reason: 'erasure_request', destroyedAt: '2026-01-10T09:00:00' }).expect(201);
    expect((await director().get('/access?pupilId=c2&at=2026-01-09').expect(200)).body.access).toHaveLength(1);
    expect((await director().get('/access?pupilId=c2&at=2026-01-10T09:00:00').expect(200)).body.access).toEqual([]);
  });
});

describe('case 3: a time without a zone is Amsterdam time on every host', () => {
  it('stores 09:00 on 1 October as 07:00 UTC, and judges a consent near 1 August by Amsterdam time', async () => {
    at('2026-08-15T10:00:00.000Z');
    await registrar().post('/pupils', enrolBody('c3')).expect(201);
    await registrar()
      .post('/pupils/c3/consents', consentBody('c3', 'share-printer', { givenAt: '2025-10-01T09:00:00' }))
      .expect(201);
    await registrar()
      .post('/pupils/c3/consents', consentBody('c3', 'photo-website', { givenAt: '2026-07-31T23:30:00' }))
      .expect(201);
    const given = (await ledger.stream('c3')).filter((e) => e.type === 'ConsentGiven').map((e) => e.occurredAt);
    expect(given).toEqual(['2025-10-01T07:00:00.000Z', '2026-07-31T21:30:00.000Z']);
    const check = await registrar()
      .post('/consent-checks', { purpose: 'photo-website', pupilIds: ['c3'], at: '2026-08-01T00:30:00' })
      .expect(200);
    expect(check.body).toMatchObject({ at: '2026-07-31T22:30:00.000Z', results: [{ allowed: false, status: 'lapsed' }] });
  });
});

describe('case 4: Dutch calendar days, not UTC ones', () => {
  it('lets a pupil consent for themself at 00:30 Amsterdam time on their 16th birthday', async () => {
    at('2026-03-01T10:00:00.000Z');
    await registrar()
      .post('/pupils', enrolBody('c4', { personal: { name: 'Sem Jansen', birthDate: '2010-03-01' } }))
      .expect(201);
    await registrar()
      .post('/pupils/c4/consents', consentBody('c4', 'share-library', { guardianId: 'c4', givenAt: '2026-02-28T23:59:00' }))
      .expect(409);
    await registrar()
      .post('/pupils/c4/consents', consentBody('c4', 'share-library', { guardianId: 'c4', givenAt: '2026-03-01T00:30:00' }))
      .expect(201);
  });

  it('allows retention_expired at 01:00 on the anniversary, and a refusal names the same day', async () => {
    at('2024-03-05T10:00:00.000Z');
    await registrar()
      .post('/pupils', enrolBody('c4r', { enrolledOn: '2020-08-20' }))
      .expect(201);
    await registrar().post('/pupils/c4r/departure', { leftOn: '2024-03-01' }).expect(201);
    at('2026-03-01T10:00:00.000Z');
    const early = await registrar().post('/pupils/c4r/dossier-destruction', { reason: 'retention_expired', destroyedAt: '2026-02-28T23:30:00' }).expect(409);
    expect(early.body.message).toContain('2026-03-01');
    expect(early.body.message).not.toContain('2026-02-28T');
    const ok = await registrar().post('/pupils/c4r/dossier-destruction', { reason: 'retention_expired', destroyedAt: '2026-03-01T01:00:00' }).expect(201);
    expect((await ledger.stream('c4r')).find((e) => e.eventId === ok.body.eventId)?.data).toMatchObject({ retentionEndedOn: '2026-03-01' });
  });

  it('keeps validUntil "2026-12-31" in force through the whole of 31 December', async () => {
    at('2026-06-01T10:00:00.000Z');
    await registrar().post('/pupils', enrolBody('c4v')).expect(201);
    await registrar()
      .post('/pupils/c4v/consents', consentBody('c4v', 'share-library', { validUntil: '2026-12-31' }))
      .expect(201);
    expect(await statusOf('c4v', 'share-library', 'at=2026-12-31T23:30:00')).toMatchObject({ status: 'active', until: '2026-12-31T23:00:00.000Z' });
    expect(await statusOf('c4v', 'share-library', 'at=2027-01-01T00:00:00')).toMatchObject({ status: 'lapsed' });
  });
});

describe('case 6: a consent that had lapsed before it was typed in', () => {
  it('is published as lapsed, and no expiry notice follows for it', async () => {
    at('2026-09-10T10:00:00.000Z');
    await registrar().post('/pupils', enrolBody('c6')).expect(201);
    const before = (await ledger.store.head()) as string;
    const consent = await registrar()
      .post('/pupils/c6/consents', consentBody('c6', 'photo-website', { givenAt: '2026-06-01T09:00:00' }))
      .expect(201);
    const feed = await ledger.as('system').get(`/events?after=${before}`).expect(200);
    expect(feed.body.events.find((e: { id: string }) => e.id === consent.body.eventId).data).toMatchObject({
      type: 'consent.given',
      consentStatus: 'lapsed',
      consentUntil: null,
    });
    expect(await ledger.app.get(ConsentExpiryScheduler).run()).toBe(0);
    expect((await ledger.stream('c6')).map((e) => e.type)).toEqual(['PupilEnrolled', 'ConsentGiven']);
  });
});
