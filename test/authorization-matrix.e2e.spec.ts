import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ACCESS, BOARD_WIDE, ROLES, ROLE_TABLE, type Role, type RouteKind } from '../src/auth/roles';
import { type Caller, type LedgerApp, consentBody, enrolBody, startLedger } from './support/ledger-app';

/**
 * The authorization matrix: every route of the app × every role, with a key of the whole board and
 * with a key per school, without a key and with a wrong one. Who may call what comes from DESIGN's
 * roles table as roles.ts states it (ROLE_TABLE); what each route is comes from the rows below, so a
 * controller that names the wrong kind, or a route added without a row, fails here.
 */
const HOME = 's-1';
const OTHER = 's-2';
const scopedKey = (role: Role) => `matrix-scoped-${role}-0123456789`;

let ledger: LedgerApp;
let n = 0;
const registrar = () => ledger.as('registrar');

const pupil = async (k: string, school: string) => {
  await registrar()
    .post('/pupils', enrolBody(`m-${k}`, { schoolId: school }))
    .expect(201);
};
const consented = async (k: string, school: string) => {
  await pupil(k, school);
  await registrar()
    .post(`/pupils/m-${k}/consents`, consentBody(`m-${k}`, 'share-library', { givenAt: '2026-02-01T00:00:00Z' }))
    .expect(201);
};
const library = (k: string) =>
  registrar()
    .post('/recipients', { recipientId: `lib-${k}`, name: 'Bibliotheek', kind: 'third_party', purpose: 'share-library', dataCategories: ['identity'] })
    .expect(201);
const processor = (k: string) =>
  registrar()
    .post('/recipients', { recipientId: `pr-${k}`, name: 'Uitgever', kind: 'processor', dataCategories: ['identity'] })
    .expect(201);
const agreement = (k: string) =>
  registrar()
    .post(`/recipients/pr-${k}/agreements`, { agreementId: 'pa-1', validFrom: '2025-08-01', dataCategories: ['identity'] })
    .expect(201);

interface Row {
  readonly route: string;
  readonly kind: RouteKind | 'public';
  /** The stage for one call, made with a key of the whole board; `k` is new for every call. */
  readonly given?: (k: string, school: string) => Promise<unknown>;
  readonly url: (k: string) => string;
  readonly body?: (k: string) => object;
  /** The route's answer to a role that may call it. */
  readonly answer: number;
  /** About one pupil: a key per school gets 404 for another school's pupil. */
  readonly pupil?: true;
}

const ROWS: readonly Row[] = [
  // Enrolling an id that another school holds is the "other school's pupil" of this route.
  {
    route: 'POST /pupils',
    kind: 'pupilCommand',
    given: (k, s) => (s === OTHER ? pupil(k, OTHER) : Promise.resolve()),
    url: () => '/pupils',
    body: (k) => enrolBody(`m-${k}`, { schoolId: HOME }),
    answer: 201,
    pupil: true,
  },
  {
    route: 'POST /pupils/{pupilId}/consents',
    kind: 'pupilCommand',
    given: pupil,
    url: (k) => `/pupils/m-${k}/consents`,
    body: (k) => consentBody(`m-${k}`, 'photo-website'),
    answer: 201,
    pupil: true,
  },
  {
    route: 'POST /pupils/{pupilId}/consents/{purpose}/refusal',
    kind: 'pupilCommand',
    given: pupil,
    url: (k) => `/pupils/m-${k}/consents/photo-website/refusal`,
    body: (k) => ({ guardianId: `m-${k}-mum` }),
    answer: 201,
    pupil: true,
  },
  {
    route: 'POST /pupils/{pupilId}/consents/{purpose}/withdrawal',
    kind: 'pupilCommand',
    given: consented,
    url: (k) => `/pupils/m-${k}/consents/share-library/withdrawal`,
    body: (k) => ({ guardianId: `m-${k}-mum` }),
    answer: 201,
    pupil: true,
  },
  {
    route: 'POST /pupils/{pupilId}/departure',
    kind: 'pupilCommand',
    given: pupil,
    url: (k) => `/pupils/m-${k}/departure`,
    body: () => ({ leftOn: '2026-01-31' }),
    answer: 201,
    pupil: true,
  },
  {
    route: 'POST /pupils/{pupilId}/dossier-destruction',
    kind: 'pupilCommand',
    given: pupil,
    url: (k) => `/pupils/m-${k}/dossier-destruction`,
    body: () => ({ reason: 'erasure_request' }),
    answer: 201,
    pupil: true,
  },
  {
    route: 'POST /data-sharings',
    kind: 'pupilCommand',
    given: async (k, s) => (await consented(k, s), await library(k)),
    url: () => '/data-sharings',
    body: (k) => ({ recipientId: `lib-${k}`, pupilIds: [`m-${k}`], dataCategories: ['identity'], legalBasis: 'consent' }),
    answer: 201,
    pupil: true,
  },
  {
    route: 'POST /recipients',
    kind: 'registerCommand',
    url: () => '/recipients',
    body: (k) => ({ recipientId: `lib-${k}`, name: 'Bibliotheek', kind: 'third_party', dataCategories: ['identity'] }),
    answer: 201,
  },
  {
    route: 'POST /recipients/{recipientId}/agreements',
    kind: 'registerCommand',
    given: processor,
    url: (k) => `/recipients/pr-${k}/agreements`,
    body: () => ({ agreementId: 'pa-1', validFrom: '2025-08-01', dataCategories: ['identity'] }),
    answer: 201,
  },
  {
    route: 'POST /recipients/{recipientId}/agreements/{agreementId}/end',
    kind: 'registerCommand',
    given: async (k) => (await processor(k), await agreement(k)),
    url: (k) => `/recipients/pr-${k}/agreements/pa-1/end`,
    body: () => ({ endedAt: '2026-02-01' }),
    answer: 201,
  },
  { route: 'GET /pupils/{pupilId}/consents', kind: 'consents', given: pupil, url: (k) => `/pupils/m-${k}/consents`, answer: 200, pupil: true },
  {
    route: 'GET /pupils/{pupilId}/consents/{purpose}/receipt',
    kind: 'consents',
    given: consented,
    url: (k) => `/pupils/m-${k}/consents/share-library/receipt`,
    answer: 200,
    pupil: true,
  },
  { route: 'GET /pupils/{pupilId}/history', kind: 'history', given: pupil, url: (k) => `/pupils/m-${k}/history`, answer: 200, pupil: true },
  { route: 'GET /pupils/{pupilId}/export', kind: 'export', given: pupil, url: (k) => `/pupils/m-${k}/export?format=json`, answer: 200, pupil: true },
  { route: 'GET /pupils/{pupilId}/reads', kind: 'reads', given: pupil, url: (k) => `/pupils/m-${k}/reads`, answer: 200, pupil: true },
  { route: 'GET /access', kind: 'access', given: pupil, url: (k) => `/access?pupilId=m-${k}`, answer: 200, pupil: true },
  {
    route: 'POST /consent-checks',
    kind: 'consentCheck',
    given: consented,
    url: () => '/consent-checks',
    body: (k) => ({ purpose: 'share-library', pupilIds: [`m-${k}`] }),
    answer: 200,
  },
  { route: 'GET /reports/board', kind: 'boardReport', url: () => '/reports/board', answer: 200 },
  { route: 'GET /reports/works-council', kind: 'worksCouncilReport', url: () => '/reports/works-council', answer: 200 },
  { route: 'GET /events', kind: 'events', url: () => '/events?limit=5', answer: 200 },
  { route: 'GET /audit/verify', kind: 'audit', url: () => '/audit/verify', answer: 200 },
  { route: 'GET /audit/checkpoints', kind: 'audit', url: () => '/audit/checkpoints', answer: 200 },
  { route: 'GET /audit/public-key', kind: 'audit', url: () => '/audit/public-key', answer: 200 },
  { route: 'POST /audit/checkpoints', kind: 'seal', url: () => '/audit/checkpoints', answer: 201 },
  {
    route: 'POST /purposes',
    kind: 'registerCommand',
    url: () => '/purposes',
    body: (k) => ({ purpose: `own-${k}`, yearly: false, dataCategories: ['identity'], labels: { nl: 'Eigen doel', en: 'Own purpose' } }),
    answer: 201,
  },
  { route: 'GET /purposes', kind: 'purposes', url: () => '/purposes', answer: 200 },
  { route: 'GET /metrics', kind: 'metrics', url: () => '/metrics', answer: 200 },
  { route: 'GET /health', kind: 'public', url: () => '/health', answer: 200 },
  { route: 'GET /health/ready', kind: 'public', url: () => '/health/ready', answer: 200 },
];

beforeAll(async () => {
  ledger = await startLedger(undefined, undefined, null, { keys: ROLES.map((r) => `${scopedKey(r)}:${r}:${HOME}`), wrongKeysPerMinute: 10_000 });
});
afterAll(() => ledger.close());

const send = (caller: Caller, row: Row, k: string) => {
  const [method] = row.route.split(' ');
  return method === 'GET' ? caller.get(row.url(k)) : caller.post(row.url(k), row.body?.(k) ?? {});
};

/** One call on a fresh stage; a refusal must leave the log as it was. */
const expectCall = async (caller: Caller, row: Row, who: string, school: string, status: number, error?: string) => {
  const k = `${++n}`;
  await row.given?.(k, school);
  const before = await ledger.store.head();
  const res = await send(caller, row, k);
  const seen = error ? [who, res.status, res.body.error] : [who, res.status];
  expect(seen).toEqual(error ? [who, status, error] : [who, status]);
  if (status >= 400) expect([who, await ledger.store.head()]).toEqual([who, before]);
};

const may = (role: Role, kind: RouteKind) => ROLE_TABLE[role].includes(kind);

describe('the authorization matrix', () => {
  it('has a row for every route the app serves, and no row for a route it does not', () => {
    const doc = SwaggerModule.createDocument(ledger.app, new DocumentBuilder().build());
    const served = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(served.sort()).toEqual(ROWS.map((r) => r.route).sort());
  });

  it('derives roles.ts from the one table: ACCESS is ROLE_TABLE read by route kind', () => {
    for (const [kind, access] of Object.entries(ACCESS)) {
      expect([kind, [...access.roles]]).toEqual([kind, ROLES.filter((r) => may(r, kind as RouteKind))]);
      expect([kind, access.boardWide]).toEqual([kind, BOARD_WIDE.includes(kind as RouteKind)]);
    }
  });

  describe.each(ROWS.map((r) => [r.route, r] as const))('%s', (_, row) => {
    it('answers each role of the whole board: the route’s answer if it may, else 403', async () => {
      for (const role of ROLES) {
        if (row.kind === 'public' || may(role, row.kind)) await expectCall(ledger.as(role), row, role, HOME, row.answer);
        else await expectCall(ledger.as(role), row, role, HOME, 403, 'AUTH.FORBIDDEN');
      }
    });

    it('answers a key per school the same for its own school, but 403 where the whole board is concerned', async () => {
      for (const role of ROLES) {
        const caller = ledger.withKey(scopedKey(role));
        const who = `${role} of ${HOME}`;
        if (row.kind === 'public') await expectCall(caller, row, who, HOME, row.answer);
        else if (!may(role, row.kind) || BOARD_WIDE.includes(row.kind)) await expectCall(caller, row, who, HOME, 403, 'AUTH.FORBIDDEN');
        else await expectCall(caller, row, who, HOME, row.answer);
      }
    });

    if (row.pupil)
      it('answers 404 to a key per school for another school’s pupil, recording nothing', async () => {
        for (const role of ROLES.filter((r) => row.kind !== 'public' && may(r, row.kind)))
          await expectCall(ledger.withKey(scopedKey(role)), row, `${role} of ${HOME}`, OTHER, 404, 'PUPIL.NOT_FOUND');
      });

    it('answers 401 without a key and with a wrong one (but for the public health check)', async () => {
      const expected = row.kind === 'public' ? row.answer : 401;
      const error = row.kind === 'public' ? undefined : 'AUTH.UNAUTHENTICATED';
      await expectCall(ledger.withKey(undefined), row, 'no key', HOME, expected, error);
      await expectCall(ledger.withKey('not-a-key-of-this-ledger-0123'), row, 'wrong key', HOME, expected, error);
    });
  });
});
