import type { RouteKind } from '../../src/auth/roles';
import { type Caller, consentBody, enrolBody } from './ledger-app';

/** The school of the keys per school, and another school of the same board (whose pupils such keys never see). */
export const HOME = 's-1';
export const OTHER = 's-2';

/** One route of the matrix and how to call it. */
export interface Row {
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

/**
 * The authorization matrix's rows: every route the app serves, what kind of route it is (roles.ts)
 * and how to call it on a fresh stage. `registrar` is a caller with a key of the whole board, asked
 * for at each call (the ledger starts after the rows are made).
 */
export const matrixRows = (registrar: () => Caller): readonly Row[] => {
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

  return [
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
};
