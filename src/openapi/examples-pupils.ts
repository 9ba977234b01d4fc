import { type OperationExample, anna, bram } from './operation-example';

/** The examples of the pupils' routes: enrolment, consents and their decisions, what is read of a pupil, departure and destruction. */
export const PUPIL_EXAMPLES: Readonly<Record<string, readonly OperationExample[]>> = {
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
  'GET /pupils/{pupilId}/history': [
    { name: '26-history', summary: 'Every event about Anna (names to director and auditor; the read is recorded)', path: anna, status: 200 },
    { name: '27-history-of-nobody', summary: 'A pupil never enrolled', path: { pupilId: 'p-0000' }, status: 404, error: 'PUPIL.NOT_FOUND' },
  ],
  'GET /pupils/{pupilId}/export': [
    { name: '28-export', summary: 'Right of access, as JSON (format=html: the parent’s page)', path: anna, query: { format: 'json' }, status: 200 },
  ],
  'GET /pupils/{pupilId}/reads': [{ name: '29-reads', summary: 'Who read Anna’s personal data (steps 26 and 28)', path: anna, status: 200 }],
  'POST /pupils/{pupilId}/departure': [
    { name: '41-departure', summary: 'Bram left at Christmas 2025', path: bram, status: 201, body: { leftOn: '2025-12-19' } },
  ],
  'POST /pupils/{pupilId}/dossier-destruction': [
    { name: '42-destruction', summary: 'Erased on his parent’s request: the key is destroyed', path: bram, status: 201, body: { reason: 'erasure_request' } },
  ],
};
