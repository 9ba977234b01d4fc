import { randomUUID } from 'node:crypto';
import { DEFAULT_PURPOSES } from '../src/ledger/domain/purposes';
import { CATALOGUE_STREAM } from '../src/ledger/domain/streams';
import { type LedgerApp, consentBody, enrolBody, startLedger } from './support/ledger-app';

let ledger: LedgerApp;
beforeAll(async () => {
  ledger = await startLedger();
  await ledger.as('registrar').post('/pupils', enrolBody('o-1')).expect(201);
});
afterAll(() => ledger.close());

const guide = {
  purpose: 'photo-school-guide',
  yearly: true,
  dataCategories: ['photo-video'],
  labels: { nl: 'Foto’s in de schoolgids', en: 'Photos in the school guide' },
};
const catalogue = async () => (await ledger.store.readStream(CATALOGUE_STREAM)).events;

describe('POST /purposes', () => {
  it('adds a purpose of the board: PurposeDefined in the stream catalogue, seen by GET /purposes', async () => {
    const res = await ledger.as('director').post('/purposes', guide).expect(201);
    expect(res.body).toEqual({ purpose: 'photo-school-guide', eventId: expect.any(String), position: expect.any(String) });
    expect((await catalogue()).map((e) => [e.type, e.data, e.metadata.schoolId])).toEqual([['PurposeDefined', guide, null]]);
    const listed = (await ledger.as('works-council').get('/purposes').expect(200)).body.purposes;
    expect(listed.map((p: { purpose: string }) => p.purpose)).toEqual([...DEFAULT_PURPOSES.map((p) => p.purpose), 'photo-school-guide']);
    expect(listed.at(-1)).toEqual({
      purpose: 'photo-school-guide',
      description: guide.labels.en,
      yearly: true,
      dataCategories: ['photo-video'],
      labels: guide.labels,
    });
  });

  it('refuses an id the catalogue holds, a default one too, with 409 PURPOSE.ALREADY_DEFINED, appending nothing', async () => {
    for (const purpose of ['photo-school-guide', 'photo-website']) {
      const head = await ledger.store.head();
      const res = await ledger
        .as('registrar')
        .post('/purposes', { ...guide, purpose })
        .expect(409);
      expect([res.body.error, res.body.details]).toEqual(['PURPOSE.ALREADY_DEFINED', [expect.objectContaining({ field: 'purpose' })]]);
      expect(await ledger.store.head()).toBe(head);
    }
  });

  it('refuses a malformed body with 400 naming every bad field', async () => {
    const res = await ledger
      .as('registrar')
      .post('/purposes', { purpose: 'Not A Token', yearly: 'yes', dataCategories: ['gossip'], labels: { nl: '' } })
      .expect(400);
    expect(res.body.error).toBe('VALIDATION.INVALID');
    expect([...new Set(res.body.details.map((d: { field: string }) => d.field))].sort()).toEqual([
      'dataCategories',
      'labels.en',
      'labels.nl',
      'purpose',
      'yearly',
    ]);
  });

  it('is a command of the board: the auditor and a board member may not', async () => {
    await ledger
      .as('auditor')
      .post('/purposes', { ...guide, purpose: 'by-auditor' })
      .expect(403);
    await ledger
      .as('board')
      .post('/purposes', { ...guide, purpose: 'by-board' })
      .expect(403);
  });

  it('serves consents, the consent check, the receipt and both reports for the new purpose; a yearly one lapses', async () => {
    const registrar = ledger.as('registrar');
    await registrar.post('/pupils/o-1/consents', consentBody('o-1', 'photo-school-guide', { givenAt: '2025-09-01T09:00:00+02:00' })).expect(201);
    const consents = (await ledger.as('director').get('/pupils/o-1/consents').expect(200)).body.consents;
    expect(consents).toContainEqual(expect.objectContaining({ purpose: 'photo-school-guide', status: 'active', until: '2026-07-31T22:00:00.000Z' }));
    const check = (await registrar.post('/consent-checks', { purpose: 'photo-school-guide', pupilIds: ['o-1'] }).expect(200)).body;
    expect(check.allowed).toBe(true);
    await ledger.as('director').get('/pupils/o-1/consents/photo-school-guide/receipt').expect(200);
    const board = (await ledger.as('board').get('/reports/board').expect(200)).body;
    expect(board.consentRates).toContainEqual(expect.objectContaining({ schoolId: 's-1', purpose: 'photo-school-guide', pupils: 1, active: 1 }));
    // One pupil is a count rule 9 hides: the works council's report answers, without the row.
    const council = (await ledger.as('works-council').get('/reports/works-council').expect(200)).body;
    expect(JSON.stringify(council)).not.toContain('o-1');
  });

  it('publishes purpose.defined in the feed, and verify knows the event', async () => {
    const { events } = (await ledger.as('system').get('/events?limit=1000').expect(200)).body;
    const defined = events.find((e: { type: string }) => e.type === 'nl.consent-ledger.purpose.defined.v1');
    expect(defined).toMatchObject({
      subject: 'photo-school-guide',
      source: '/consent-ledger/board',
      data: { type: 'purpose.defined', ...guide, schoolId: null },
    });
    const verify = (await ledger.as('auditor').get('/audit/verify').expect(200)).body;
    expect([verify.ok, verify.problems]).toEqual([true, []]);
  });

  it('a purpose another instance defined in the shared store is read before a command naming it is refused', async () => {
    const other = { ...guide, purpose: 'share-sports-club', yearly: false, dataCategories: ['identity'], labels: { nl: 'Sportclub', en: 'Sports club' } };
    const { revision } = await ledger.store.readStream(CATALOGUE_STREAM);
    // Written through the store port, as a second instance on the same store would.
    await ledger.store.append([
      {
        stream: CATALOGUE_STREAM,
        expectedRevision: revision,
        events: [
          {
            eventId: randomUUID(),
            type: 'PurposeDefined',
            occurredAt: ledger.clock.current,
            recordedAt: ledger.clock.current,
            data: other,
            metadata: {
              schemaVersion: 1,
              actor: { id: 'other-instance', role: 'director' },
              schoolId: null,
              correlationId: randomUUID(),
              causationId: null,
              idempotencyKeySha256: null,
            },
          },
        ],
      },
    ]);
    await ledger.as('registrar').post('/pupils/o-1/consents', consentBody('o-1', 'share-sports-club')).expect(201);
    await ledger.as('registrar').post('/pupils/o-1/consents/share-sports-club/withdrawal', { guardianId: 'o-1-mum' }).expect(201);
  });
});

describe('ids that name a member of every JavaScript object', () => {
  // Ids become keys of the ledger's tables and lookups: `constructor` would find the language's member.
  it('are refused as a purpose, a pupil, a recipient or a school with 400 naming the field, appending nothing', async () => {
    const head = await ledger.store.head();
    // A purpose is a lower-case token: of the members, only `constructor` has that shape.
    const purpose = await ledger
      .as('registrar')
      .post('/purposes', { ...guide, purpose: 'constructor' })
      .expect(400);
    expect(purpose.body.details).toEqual([expect.objectContaining({ field: 'purpose' })]);
    for (const name of ['constructor', 'toString', 'valueOf', 'hasOwnProperty']) {
      const pupil = await ledger.as('registrar').post('/pupils', enrolBody(name)).expect(400);
      expect(pupil.body.details.map((d: { field: string }) => d.field)).toContain('pupilId');
      const school = await ledger
        .as('registrar')
        .post('/pupils', { ...enrolBody('o-9'), schoolId: name })
        .expect(400);
      expect(school.body.details.map((d: { field: string }) => d.field)).toContain('schoolId');
      await ledger.as('director').get(`/pupils/${name}/consents`).expect(400);
    }
    expect(await ledger.store.head()).toBe(head);
  });
});

describe("the parent's page", () => {
  it('names a board purpose by the Dutch label it was defined with', async () => {
    await ledger
      .as('registrar')
      .post('/purposes', { ...guide, purpose: 'photo-yearbook', labels: { nl: 'Foto’s in het jaarboek', en: 'Photos in the yearbook' } })
      .expect(201);
    await ledger.as('registrar').post('/pupils/o-1/consents', consentBody('o-1', 'photo-yearbook')).expect(201);
    const page = await ledger.as('director').get('/pupils/o-1/export?format=html').expect(200);
    expect(page.text).toContain('Foto’s in het jaarboek');
    expect(page.text).not.toContain('>photo-yearbook<');
  });
});
