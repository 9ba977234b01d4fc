import { type OperationExample } from './operation-example';

/** The examples of sharing: recipients, their processor agreements, data sharings and consent checks, and who can see what. */
export const SHARING_EXAMPLES: Readonly<Record<string, readonly OperationExample[]>> = {
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
  'GET /access': [
    { name: '24-access-of-pupil', summary: 'Who can see what of Anna now', query: { pupilId: 'p-4711' }, status: 200 },
    { name: '25-access-of-recipient', summary: 'Whose data the library holds', query: { recipientId: 'bibliotheek' }, status: 200 },
  ],
};
