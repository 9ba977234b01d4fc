import type { FastifyInstance } from 'fastify';
import request from 'supertest';
import { KEYS, type LedgerApp, consentBody, enrolBody, startLedger } from './support/ledger-app';
import { getPage, signIn } from './pages/page-client';

let ledger: LedgerApp;
let session: string;
beforeAll(async () => {
  ledger = await startLedger();
  const registrar = ledger.as('registrar');
  await registrar.post('/pupils', enrolBody('p-ns', { personal: { name: 'Sanne Geheim' } })).expect(201);
  await registrar.post('/pupils/p-ns/consents', consentBody('p-ns', 'photo-website')).expect(201);
  session = await signIn(ledger, KEYS.director);
});
afterAll(() => ledger.close());

/** Every GET route the server has, read from Fastify's own route tree (so a route added later is checked too). */
const getRoutes = (fastify: FastifyInstance): string[] => {
  const stack: string[] = [];
  const routes: string[] = [];
  for (const line of fastify.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)(?:├── |└── )(.+?) \(([^)]+)\)$/.exec(line);
    if (!m) continue;
    const depth = m[1].length / 4;
    stack[depth] = (depth > 0 ? stack[depth - 1] : '') + m[2];
    if (m[3].split(', ').includes('GET')) routes.push(stack[depth]);
  }
  return routes;
};

const PARAMS: Record<string, string> = { pupilId: 'p-ns', purpose: 'photo-website', recipientId: 'r-none', agreementId: 'a-none' };
const QUERIES: Record<string, string> = { '/access': '?pupilId=p-ns', '/ui/pupils/p-ns/export': '?lang=nl' };

describe('Cache-Control: no-store on every answer of every route', () => {
  it('API and pages alike, whatever the status; only the API docs’ static files may be cached', async () => {
    const routes = getRoutes(ledger.app.getHttpAdapter().getInstance());
    expect(routes).toEqual(
      expect.arrayContaining([
        '/pupils/:pupilId/history',
        '/pupils/:pupilId/export',
        '/ui/pupils/:pupilId',
        '/ui/pupils/:pupilId/export',
        '/events',
        '/metrics',
      ]),
    );
    const checked: string[] = [];
    for (const route of routes) {
      if (route.startsWith('/docs/')) continue;
      const path = route.replace(/:(\w+)/g, (_, p: string) => PARAMS[p]).replace('*', 'x');
      const url = path + (QUERIES[path] ?? '');
      const res = url.startsWith('/ui')
        ? await getPage(ledger, url, session)
        : await request(ledger.app.getHttpServer()).get(url).set('Authorization', `Bearer ${KEYS.director}`);
      expect([url, res.status < 500, res.headers['cache-control']]).toEqual([url, true, 'no-store']);
      checked.push(`${url} ${res.status}`);
    }
    // The pupil's own answers were among them, as answers with data (not refusals).
    expect(checked).toEqual(
      expect.arrayContaining(['/pupils/p-ns/history 200', '/pupils/p-ns/export 200', '/ui/pupils/p-ns 200', '/ui/pupils/p-ns/export?lang=nl 200']),
    );
  });
});
