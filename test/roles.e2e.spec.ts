import request from 'supertest';
import { ROLES, type Role } from '../src/auth/roles';
import { type LedgerApp, enrolBody, startLedger } from './support/ledger-app';

let ledger: LedgerApp;
beforeAll(async () => {
  ledger = await startLedger();
  await ledger.as('registrar').post('/pupils', enrolBody('r-1')).expect(201);
});
afterAll(() => ledger.close());

const commands: Role[] = ['registrar', 'director'];
/** DESIGN.md's roles table, written out route by route as the contract states it. */
const ROUTES: [string, string, object | undefined, Role[]][] = [
  ['post', '/pupils', enrolBody('r-2'), commands],
  ['post', '/pupils/r-1/consents', {}, commands],
  ['post', '/pupils/r-1/consents/photo-website/refusal', {}, commands],
  ['post', '/pupils/r-1/consents/photo-website/withdrawal', {}, commands],
  ['post', '/pupils/r-1/departure', {}, commands],
  ['post', '/pupils/r-1/dossier-destruction', {}, commands],
  ['post', '/recipients', {}, commands],
  ['post', '/recipients/x/agreements', {}, commands],
  ['post', '/recipients/x/agreements/y/end', {}, commands],
  ['post', '/data-sharings', {}, commands],
  ['get', '/pupils/r-1/consents', undefined, ['director', 'board', 'auditor']],
  ['get', '/pupils/r-1/history', undefined, ['director', 'auditor']],
  ['get', '/access?pupilId=r-1', undefined, ['director', 'board', 'auditor']],
  ['post', '/consent-checks', { purpose: 'photo-website', pupilIds: ['r-1'] }, ['registrar', 'director', 'board', 'auditor']],
  ['get', '/reports/board', undefined, ['director', 'board', 'auditor']],
  ['get', '/reports/works-council', undefined, ['director', 'board', 'works-council', 'auditor']],
  ['get', '/events', undefined, ['auditor', 'system']],
  ['get', '/audit/verify', undefined, ['director', 'auditor']],
  ['post', '/audit/checkpoints', undefined, ['director', 'auditor']],
  ['get', '/audit/checkpoints', undefined, ['director', 'auditor']],
  ['get', '/audit/public-key', undefined, ['director', 'auditor']],
  ['get', '/pupils/r-1/export', undefined, ['director', 'auditor']],
  ['get', '/pupils/r-1/consents/photo-website/receipt', undefined, ['director', 'board', 'auditor']],
  ['get', '/purposes', undefined, ROLES.filter((r) => r !== 'registrar')],
];

describe('roles', () => {
  it.each(ROUTES)('%s %s is open to exactly its roles', async (method, path, body, allowed) => {
    for (const role of ROLES) {
      const call = method === 'get' ? ledger.as(role).get(path) : ledger.as(role).post(path, body);
      const res = await call;
      if (allowed.includes(role)) expect([role, res.status]).not.toEqual([role, 403]);
      else expect([role, res.status, res.body.error]).toEqual([role, 403, 'AUTH.FORBIDDEN']);
    }
  });

  it('answers 401 without a key or with an unknown one', async () => {
    const server = ledger.app.getHttpServer();
    await request(server).get('/purposes').expect(401);
    await request(server).get('/purposes').set('Authorization', 'Bearer not-a-key').expect(401);
    await request(server).get('/purposes').set('Authorization', 'Basic abc').expect(401);
  });
});
