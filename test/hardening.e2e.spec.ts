import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { LedgerConfig } from '../src/config/ledger-config';
import { bootstrap } from '../src/main';
import { KEYS, type LedgerApp, enrolBody, startLedger } from './support/ledger-app';

let ledger: LedgerApp;
beforeAll(async () => {
  ledger = await startLedger();
  await ledger.as('registrar').post('/pupils', enrolBody('p-h')).expect(201);
});
afterAll(() => ledger.close());

const server = () => ledger.app.getHttpServer();

/** Answers of every kind: success, refusal, transport refusal, the unknown, the public, the export page. */
const ANSWERS: ReadonlyArray<readonly [string, () => request.Test]> = [
  ['201 enrolment', () => ledger.as('registrar').post('/pupils', enrolBody('p-h2'))],
  ['200 history with names', () => ledger.as('director').get('/pupils/p-h/history')],
  ['200 the parent’s HTML export', () => ledger.as('director').get('/pupils/p-h/export?format=html')],
  ['200 health', () => request(server()).get('/health')],
  ['400 invalid body', () => ledger.as('registrar').post('/pupils', { extra: 1 })],
  ['401 without a key', () => request(server()).get('/pupils/p-h/history')],
  ['404 unknown route', () => request(server()).get('/nowhere')],
  ['413 too large', () => ledger.as('registrar').post('/pupils', { pad: ' '.repeat(1024 * 1024) })],
  ['415 not JSON', () => request(server()).post('/pupils').set('Authorization', `Bearer ${KEYS.registrar}`).set('content-type', 'text/plain').send('x')],
  ['200 Swagger UI', () => request(server()).get('/docs')],
];

describe('security headers on every answer', () => {
  it.each(ANSWERS)('%s', async (name, send) => {
    const res = await send();
    expect(String(res.status)).toBe(name.slice(0, 3));
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['cache-control']).toBe('no-store');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
  });

  it('serves the export page without a script of any kind', async () => {
    const res = await ledger
      .as('director')
      .get('/pupils/p-h/export?format=html')
      .expect(200)
      .expect('content-type', /text\/html/);
    expect(res.text).not.toMatch(/<script|\son[a-z]+=|javascript:/i);
  });

  it('serves Swagger UI with its scripts as files of its own, which the policy allows', async () => {
    const page = await request(server()).get('/docs').expect(200);
    expect(page.text).not.toMatch(/<script>(?!\s*<\/script>)/);
    const scripts = [...page.text.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts)
      await request(server())
        .get(`/docs/${src.replace(/^\.?\/?(docs\/)?/, '')}`)
        .expect(200)
        .expect('content-type', /javascript/);
  });
});

describe('LEDGER_HOST', () => {
  it('defaults to the loopback interface and takes another', () => {
    expect(LedgerConfig.fromEnv({}).host).toBe('127.0.0.1');
    expect(LedgerConfig.fromEnv({ LEDGER_HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('is where npm start listens', async () => {
    const env = {
      PORT: '0',
      LEDGER_DATA_DIR: mkdtempSync(join(tmpdir(), 'ledger-host-')),
      LEDGER_API_KEYS: `${KEYS.registrar}:registrar`,
      LEDGER_CHECKPOINT_MINUTES: '0',
      LEDGER_EXPIRY_MINUTES: '0',
    };
    for (const [host, expected] of [
      [undefined, '127.0.0.1'],
      ['::1', '::1'],
    ] as const) {
      const app = await bootstrap({ ...env, ...(host ? { LEDGER_HOST: host } : {}) }, false);
      try {
        expect((app.getHttpServer().address() as AddressInfo).address).toBe(expected);
      } finally {
        await app.close();
      }
    }
  });
});
