import { type OperationExample } from './operation-example';

/** The examples of oversight and operation: reports, the feed, the audit, the purpose catalogue, metrics and health. */
export const OVERSIGHT_EXAMPLES: Readonly<Record<string, readonly OperationExample[]>> = {
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
};
