/**
 * The OpenAPI document's examples: one story, told in the order of their names, that a fresh
 * ledger answers as documented on any date — business times are left out (now) or lie in the past
 * on purposes that do not lapse. test/openapi.e2e.spec.ts sends every one and checks its status.
 */
export interface OperationExample {
  /** Unique in the document; the number orders the story. */
  readonly name: string;
  readonly summary: string;
  readonly path?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string | number>>;
  readonly body?: object;
  readonly status: number;
  /** For an error: the code of its body. */
  readonly error?: string;
}

const anna = { pupilId: 'p-4711' };
const bram = { pupilId: 'p-4712' };

export const EXAMPLES: Readonly<Record<string, readonly OperationExample[]>> = {
  'POST /pupils': [
    {
      name: '01-enrol',
      summary: 'Anna, with two parents who may consent for her',
      status: 201,
      body: {
        pupilId: 'p-4711',
        schoolId: 's-de-regenboog',
        enrolledOn: '2025-08-25',
        guardians: [
          { guardianId: 'g-81', relation: 'parent' },
          { guardianId: 'g-82', relation: 'parent' },
        ],
        personal: { name: 'Anna de Vries', birthDate: '2018-03-01' },
      },
    },
    {
      name: '02-enrol-foster',
      summary: 'Bram, with a foster parent, no name recorded',
      status: 201,
      body: { pupilId: 'p-4712', schoolId: 's-de-regenboog', enrolledOn: '2024-08-26', guardians: [{ guardianId: 'g-91', relation: 'foster-parent' }] },
    },
    {
      name: '03-enrol-twice-the-same-guardian',
      summary: 'A guardian listed twice: 400 naming the field',
      status: 400,
      error: 'VALIDATION.INVALID',
      body: {
        pupilId: 'p-4713',
        schoolId: 's-de-regenboog',
        enrolledOn: '2025-08-25',
        guardians: [
          { guardianId: 'g-5', relation: 'parent' },
          { guardianId: 'g-5', relation: 'parent' },
        ],
      },
    },
  ],
  'POST /pupils/{pupilId}/consents': [
    {
      name: '04-consent-on-paper',
      summary: 'A paper form for the library, dated 1 September 2025, typed in later',
      path: anna,
      status: 201,
      body: { purpose: 'share-library', guardianId: 'g-81', givenAt: '2025-09-01T09:00:00+02:00', noticeVersion: 'v2025-1', channel: 'paper' },
    },
    {
      name: '05-consent-now',
      summary: 'Photos on the website, given now in the parent app',
      path: anna,
      status: 201,
      body: { purpose: 'photo-website', guardianId: 'g-82', noticeVersion: 'v2025-1', channel: 'app' },
    },
    {
      name: '06-consent-not-a-guardian',
      summary: 'Someone who is not Anna’s guardian: refused',
      path: anna,
      status: 409,
      error: 'CONSENT.NOT_A_GUARDIAN',
      body: { purpose: 'photo-website', guardianId: 'g-99', noticeVersion: 'v2025-1', channel: 'app' },
    },
    {
      name: '43-consent-after-destruction',
      summary: 'A command about a destroyed dossier (step 42): 410',
      path: bram,
      status: 410,
      error: 'PUPIL.DOSSIER_DESTROYED',
      body: { purpose: 'share-library', guardianId: 'g-91', noticeVersion: 'v2025-1', channel: 'paper' },
    },
  ],
  'POST /pupils/{pupilId}/consents/{purpose}/refusal': [
    {
      name: '07-refusal',
      summary: 'Bram’s foster parent says no to the newsletter',
      path: { ...bram, purpose: 'photo-newsletter' },
      status: 201,
      body: { guardianId: 'g-91' },
    },
  ],
  'POST /pupils/{pupilId}/consents/{purpose}/withdrawal': [
    {
      name: '08-withdrawal',
      summary: 'The consent of step 5 withdrawn now',
      path: { ...anna, purpose: 'photo-website' },
      status: 201,
      body: { guardianId: 'g-82' },
    },
    {
      name: '09-withdrawal-of-nothing',
      summary: 'A withdrawal without a consent in force: refused',
      path: { ...anna, purpose: 'photo-website' },
      status: 409,
      error: 'CONSENT.NOT_ACTIVE',
      body: { guardianId: 'g-81' },
    },
  ],
  'POST /recipients': [
    {
      name: '10-recipient',
      summary: 'The public library, for the purpose share-library',
      status: 201,
      body: {
        recipientId: 'bibliotheek',
        name: 'Openbare Bibliotheek',
        kind: 'third_party',
        purpose: 'share-library',
        dataCategories: ['identity', 'contact'],
      },
    },
    {
      name: '11-processor',
      summary: 'An educational publisher, a processor',
      status: 201,
      body: { recipientId: 'uitgever-x', name: 'Uitgeverij X', kind: 'processor', dataCategories: ['identity', 'school-results', 'login-minimal'] },
    },
    {
      name: '12-authority',
      summary: 'DUO, with the law sharings with it rest on',
      status: 201,
      body: { recipientId: 'duo', name: 'DUO', kind: 'authority', dataCategories: ['identity', 'school-results'], legalReferences: ['WPO art. 178a'] },
    },
  ],
  'POST /recipients/{recipientId}/agreements': [
    {
      name: '13-agreement',
      summary: 'The processor agreement in force since 1 August 2025',
      path: { recipientId: 'uitgever-x' },
      status: 201,
      body: { agreementId: 'vo-2025', validFrom: '2025-08-01', dataCategories: ['identity', 'login-minimal'] },
    },
    {
      name: '14-agreement-earlier',
      summary: 'Last year’s agreement',
      path: { recipientId: 'uitgever-x' },
      status: 201,
      body: { agreementId: 'vo-2024', validFrom: '2024-08-01', validUntil: '2025-07-31', dataCategories: ['identity'] },
    },
  ],
  'POST /recipients/{recipientId}/agreements/{agreementId}/end': [
    {
      name: '15-agreement-end',
      summary: 'Last year’s agreement ended early',
      path: { recipientId: 'uitgever-x', agreementId: 'vo-2024' },
      status: 201,
      body: { endedAt: '2025-06-30' },
    },
  ],
  'POST /data-sharings': [
    {
      name: '16-sharing-on-consent',
      summary: 'Anna’s name to the library, on the consent of step 4',
      status: 201,
      body: { recipientId: 'bibliotheek', pupilIds: ['p-4711'], dataCategories: ['identity'], legalBasis: 'consent' },
    },
    {
      name: '17-sharing-without-consent',
      summary: 'Bram’s name to the library: refused, naming him',
      status: 409,
      error: 'CONSENT.MISSING_FOR_SHARING',
      body: { recipientId: 'bibliotheek', pupilIds: ['p-4712'], dataCategories: ['identity'], legalBasis: 'consent' },
    },
    {
      name: '18-sharing-with-processor',
      summary: 'Logins for the publisher, under the agreement in force',
      status: 201,
      body: { recipientId: 'uitgever-x', pupilIds: ['p-4711', 'p-4712'], dataCategories: ['login-minimal'], legalBasis: 'processor_agreement' },
    },
    {
      name: '19-sharing-by-law',
      summary: 'To DUO, citing the law in the register',
      status: 201,
      body: { recipientId: 'duo', pupilIds: ['p-4711'], dataCategories: ['identity'], legalBasis: 'legal_obligation', legalReference: 'WPO art. 178a' },
    },
  ],
  'POST /consent-checks': [
    {
      name: '20-consent-check',
      summary: 'May this class photo go on the website? Records nothing',
      status: 200,
      body: { purpose: 'photo-website', pupilIds: ['p-4711', 'p-4712'] },
    },
  ],
  'GET /pupils/{pupilId}/consents': [
    { name: '21-consents', summary: 'Anna’s consents now', path: anna, status: 200 },
    {
      name: '22-consents-as-known',
      summary: 'As they stood on 1 October 2025, with what was known on 15 September 2025',
      path: anna,
      query: { at: '2025-10-01', knownAt: '2025-09-15' },
      status: 200,
    },
  ],
  'GET /pupils/{pupilId}/consents/{purpose}/receipt': [
    { name: '23-receipt', summary: 'A consent record (ISO/IEC TS 27560, DPV)', path: { ...anna, purpose: 'share-library' }, status: 200 },
  ],
  'GET /access': [
    { name: '24-access-of-pupil', summary: 'Who can see what of Anna now', query: { pupilId: 'p-4711' }, status: 200 },
    { name: '25-access-of-recipient', summary: 'Whose data the library holds', query: { recipientId: 'bibliotheek' }, status: 200 },
  ],
  'GET /pupils/{pupilId}/history': [
    { name: '26-history', summary: 'Every event about Anna (names to director and auditor; the read is recorded)', path: anna, status: 200 },
    { name: '27-history-of-nobody', summary: 'A pupil never enrolled', path: { pupilId: 'p-0000' }, status: 404, error: 'PUPIL.NOT_FOUND' },
  ],
  'GET /pupils/{pupilId}/export': [
    { name: '28-export', summary: 'Right of access, as JSON (format=html: the parent’s page)', path: anna, query: { format: 'json' }, status: 200 },
  ],
  'GET /pupils/{pupilId}/reads': [{ name: '29-reads', summary: 'Who read Anna’s personal data (steps 26 and 28)', path: anna, status: 200 }],
  'GET /reports/board': [{ name: '30-board-report', summary: 'The board’s figures for one school', query: { schoolId: 's-de-regenboog' }, status: 200 }],
  'GET /reports/works-council': [
    { name: '31-works-council-report', summary: 'The works council’s figures: whole school years, small counts suppressed', status: 200 },
  ],
  'GET /events': [{ name: '32-events', summary: 'The feed from the start', query: { limit: 100 }, status: 200 }],
  'GET /audit/verify': [{ name: '33-verify', summary: 'Every chain and checkpoint', status: 200 }],
  'POST /audit/checkpoints': [{ name: '34-seal', summary: 'Seal the log now (no body)', status: 201 }],
  'GET /audit/checkpoints': [{ name: '35-checkpoints', summary: 'The signed checkpoints', status: 200 }],
  'GET /audit/public-key': [{ name: '36-public-key', summary: 'The key to check them with', status: 200 }],
  'POST /purposes': [
    {
      name: '36b-define-purpose',
      summary: 'The board’s own purpose: photos in the school guide, yearly',
      status: 201,
      body: {
        purpose: 'photo-school-guide',
        yearly: true,
        dataCategories: ['photo-video'],
        labels: { nl: 'Foto’s in de schoolgids', en: 'Photos in the school guide' },
      },
    },
    {
      name: '36c-define-purpose-again',
      summary: 'An id the catalogue holds already: refused',
      status: 409,
      error: 'PURPOSE.ALREADY_DEFINED',
      body: { purpose: 'photo-website', yearly: true, dataCategories: ['photo-video'], labels: { nl: 'Foto’s op de website', en: 'Photos on the website' } },
    },
  ],
  'GET /purposes': [{ name: '37-purposes', summary: 'The purpose catalogue', status: 200 }],
  'GET /metrics': [{ name: '38-metrics', summary: 'Prometheus text', status: 200 }],
  'GET /health': [{ name: '39-health', summary: 'Liveness, no key', status: 200 }],
  'GET /health/ready': [{ name: '40-ready', summary: 'Readiness, no key', status: 200 }],
  'POST /pupils/{pupilId}/departure': [
    { name: '41-departure', summary: 'Bram left at Christmas 2025', path: bram, status: 201, body: { leftOn: '2025-12-19' } },
  ],
  'POST /pupils/{pupilId}/dossier-destruction': [
    { name: '42-destruction', summary: 'Erased on his parent’s request: the key is destroyed', path: bram, status: 201, body: { reason: 'erasure_request' } },
  ],
};
