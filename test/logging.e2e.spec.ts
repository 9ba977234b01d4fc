import { createHash } from 'node:crypto';
import { KEYS, type LedgerApp, consentBody, enrolBody, startLedger } from './support/ledger-app';

/** The log as an operator reads it: JSON lines in UTC, one per answered request, and nothing personal. */
describe('the ledger’s log', () => {
  const lines: string[] = [];
  let ledger: LedgerApp;

  beforeAll(async () => {
    ledger = await startLedger(undefined, undefined, null, { log: { write: (l: string) => void lines.push(l) } });
    await ledger
      .as('registrar')
      .post('/pupils', enrolBody('p-log-1', { personal: { name: 'Fenna Zijlstra-Logtest', birthDate: '2018-03-01' } }))
      .expect(201);
    await ledger.as('registrar').post('/pupils/p-log-1/consents', consentBody('p-log-1', 'share-library')).expect(201);
    await ledger.as('auditor').get('/pupils/p-log-1/history').expect(200);
    await ledger.withKey(undefined).get('/pupils/p-log-1/history').expect(401);
    await ledger.as('board').get('/pupils/p-log-1/history').expect(403);
    await ledger
      .as('registrar')
      .post('/pupils/p-log-1/consents', { ...consentBody('p-log-1', 'share-library'), secretNote: 'Fenna heeft dyslexie' })
      .expect(400);
    await ledger.close();
  });

  const parsed = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  const requests = () => parsed().filter((l) => l.msg === 'request');

  it('writes JSON lines, each with its time in UTC and its level by name', () => {
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line.endsWith('\n')).toBe(true);
      const o = JSON.parse(line) as { time: string; level: string };
      expect(o.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).toContain(o.level);
    }
  });

  it('logs every request with method, route pattern, status, duration, role and key id — 401 and 403 too', () => {
    const keyId = (role: string) =>
      createHash('sha256')
        .update(`key-id:${KEYS[role as keyof typeof KEYS]}`)
        .digest('hex')
        .slice(0, 16);
    const seen = requests().map((r) => [r.method, r.route, r.status, r.role, r.keyId]);
    expect(seen).toEqual([
      ['POST', '/pupils', 201, 'registrar', keyId('registrar')],
      ['POST', '/pupils/:pupilId/consents', 201, 'registrar', keyId('registrar')],
      ['GET', '/pupils/:pupilId/history', 200, 'auditor', keyId('auditor')],
      ['GET', '/pupils/:pupilId/history', 401, null, null],
      ['GET', '/pupils/:pupilId/history', 403, 'board', keyId('board')],
      ['POST', '/pupils/:pupilId/consents', 400, 'registrar', keyId('registrar')],
    ]);
    for (const r of requests()) expect(typeof r.durationMs === 'number' && r.durationMs >= 0).toBe(true);
    expect(requests().map((r) => r.level)).toEqual(['info', 'info', 'info', 'warn', 'warn', 'info']);
  });

  it('holds no API key, no body, no name and no pupil id', () => {
    const all = lines.join('');
    for (const secret of [...Object.values(KEYS), 'Fenna', 'Zijlstra', 'dyslexie', '2018-03-01', 'p-log-1', 'secretNote'])
      expect([secret, all.includes(secret)]).toEqual([secret, false]);
  });
});
