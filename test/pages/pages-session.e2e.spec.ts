import { statSync } from 'node:fs';
import request from 'supertest';
import { join } from 'node:path';
import { SESSION_SECRET_FILE } from '../../src/ui/session/session-secret';
import { KEYS, type LedgerApp, startLedger } from '../support/ledger-app';
import { ORIGIN, formToken, getPage, postForm, sessionCookie, signIn } from './page-client';

/** Signing in to the pages, the session cookie, its expiry, and the forms' protection against other sites. */
let ledger: LedgerApp;
beforeAll(async () => {
  ledger = await startLedger();
  await ledger
    .as('registrar')
    .post('/pupils', { pupilId: 'p-1', schoolId: 's-1', enrolledOn: '2025-08-25', guardians: [{ guardianId: 'g-1', relation: 'parent' }] })
    .expect(201);
});
afterAll(() => ledger.close());

const HOURS = 60 * 60 * 1000;
const later = (iso: string, ms: number) => new Date(new Date(iso).getTime() + ms).toISOString();

describe('signing in with a key', () => {
  it('sets a signed session cookie: httpOnly, SameSite=Strict, for /ui/ only, 8 hours, holding neither the key nor the role', async () => {
    const res = await postForm(ledger, '/ui/login', { key: KEYS.board }).expect(303);
    expect(res.headers.location).toBe('/ui/home');
    const set = ([] as string[]).concat(res.headers['set-cookie']).find((c) => c.startsWith('ledger_session='))!;
    expect(set).toMatch(/; HttpOnly/);
    expect(set).toMatch(/; SameSite=Strict/);
    expect(set).toMatch(/; Path=\/ui\//);
    expect(set).toMatch(/; Max-Age=28800/);
    const value = decodeURIComponent(set.split(';')[0].split('=')[1]);
    const readable = `${value} ${Buffer.from(value.split('.')[0], 'base64url').toString('utf8')}`;
    expect(readable).not.toContain(KEYS.board);
    expect(readable).not.toContain('board');
  });

  it('goes on to the page the reader asked for, but never off the pages', async () => {
    expect((await postForm(ledger, '/ui/login', { key: KEYS.board, next: '/ui/board?year=all' }).expect(303)).headers.location).toBe('/ui/board?year=all');
    for (const next of ['https://evil.example/ui/', '//evil.example/ui/', '/ui//evil.example', '/docs', 'javascript:alert(1)'])
      expect([next, (await postForm(ledger, '/ui/login', { key: KEYS.board, next }).expect(303)).headers.location]).toEqual([next, '/ui/home']);
  });

  it('refuses a wrong key with the form again, and sets no cookie', async () => {
    const res = await postForm(ledger, '/ui/login', { key: 'not-a-key-of-this-ledger' }).expect(401);
    expect(res.text).toContain('Deze sleutel kent het register niet.');
    expect(sessionCookie(res)).toBeUndefined();
  });

  it('refuses a sign-in form sent from another site, or from nowhere it says', async () => {
    for (const headers of [{ origin: 'https://evil.example' }, { origin: 'null' }, { referer: 'https://evil.example/form' }, {}] as Record<string, string>[]) {
      const res = await postForm(ledger, '/ui/login', { key: KEYS.board }, headers);
      expect([headers, res.status, sessionCookie(res)]).toEqual([headers, 403, undefined]);
    }
    // A browser that sends no Origin still sends the Referer of the ledger's own page.
    await postForm(ledger, '/ui/login', { key: KEYS.board }, { referer: `${ORIGIN}/ui/login` }).expect(303);
  });
});

describe('the session', () => {
  it('is needed for every page: without one, the reader is sent to sign in and back', async () => {
    const res = await getPage(ledger, '/ui/board?year=all').expect(303);
    expect(res.headers.location).toBe('/ui/login?next=%2Fui%2Fboard%3Fyear%3Dall');
    await getPage(ledger, '/ui/').expect(302).expect('location', '/ui/home');
  });

  it('is not accepted when its signature does not hold', async () => {
    const cookie = await signIn(ledger, KEYS.director);
    await getPage(ledger, '/ui/home', cookie).expect(200);
    const [name, value] = cookie.split('=');
    const payload = Buffer.from(value.split('.')[0], 'base64url')
      .toString('utf8')
      .replace(/"t":\d+/, '"t":9999999999999');
    const forged = `${name}=${Buffer.from(payload).toString('base64url')}.${value.split('.')[1]}`;
    await getPage(ledger, '/ui/home', forged).expect(303);
    await getPage(ledger, '/ui/home', `${cookie.slice(0, -2)}xx`).expect(303);
  });

  it('ends after 8 hours without a page read; each page read moves that on', async () => {
    const start = ledger.clock.current;
    try {
      const cookie = await signIn(ledger, KEYS.director);
      ledger.clock.current = later(start, 8 * HOURS - 60_000);
      const renewed = sessionCookie(await getPage(ledger, '/ui/home', cookie).expect(200))!;
      ledger.clock.current = later(start, 16 * HOURS - 120_000);
      await getPage(ledger, '/ui/home', renewed).expect(200);
      ledger.clock.current = later(start, 24 * HOURS);
      const res = await getPage(ledger, '/ui/board', renewed).expect(303);
      expect(res.headers.location).toBe('/ui/login?next=%2Fui%2Fboard&expired=1');
      expect((await getPage(ledger, res.headers.location)).text).toContain('U was 8 uur niet actief');
    } finally {
      ledger.clock.current = start;
    }
  });

  it('authenticates the pages only: the API stays bearer-only', async () => {
    const cookie = await signIn(ledger, KEYS.director);
    await getPage(ledger, '/reports/board', cookie).expect(401);
    await getPage(ledger, '/pupils/p-1/history', cookie).expect(401);
    await getPage(ledger, '/audit/verify', cookie).expect(401);
    await request(ledger.app.getHttpServer()).post('/audit/checkpoints').set('cookie', cookie).expect(401);
    // The API takes no form at all, whatever cookie comes with it.
    await postForm(ledger, '/audit/checkpoints', {}, { origin: ORIGIN, cookie }).expect(415);
  });

  it('ends on signing out: the cookie is cleared', async () => {
    const cookie = await signIn(ledger, KEYS.director);
    const res = await postForm(ledger, '/ui/logout', { _csrf: formToken((await getPage(ledger, '/ui/home', cookie)).text) }, { origin: ORIGIN, cookie }).expect(
      303,
    );
    expect(res.headers.location).toBe('/ui/login?out=1');
    expect(([] as string[]).concat(res.headers['set-cookie']).find((c) => c.startsWith('ledger_session='))).toMatch(
      /ledger_session=;.*Expires=Thu, 01 Jan 1970/,
    );
  });

  it('signs with a secret the ledger made in its data directory, readable by its owner only', () => {
    expect(statSync(join(ledger.dataDir, SESSION_SECRET_FILE)).mode & 0o777).toBe(0o600);
  });
});

describe('forms', () => {
  it('take a form only with this session’s token, from this site', async () => {
    const cookie = await signIn(ledger, KEYS.director);
    const token = formToken((await getPage(ledger, '/ui/group-photo', cookie).expect(200)).text);
    const otherToken = formToken((await getPage(ledger, '/ui/group-photo', await signIn(ledger, KEYS.director))).text);
    const form = { purpose: 'photo-website', pupilIds: 'p-1' };
    await postForm(ledger, '/ui/group-photo', form, { origin: ORIGIN, cookie }).expect(403);
    await postForm(ledger, '/ui/group-photo', { ...form, _csrf: otherToken }, { origin: ORIGIN, cookie }).expect(403);
    await postForm(ledger, '/ui/group-photo', { ...form, _csrf: token }, { origin: 'https://evil.example', cookie }).expect(403);
    const res = await postForm(ledger, '/ui/group-photo', { ...form, _csrf: token }, { origin: ORIGIN, cookie }).expect(200);
    expect(res.text).toContain('niets vastgelegd');
  });

  it('seal a checkpoint for the auditor, as POST /audit/checkpoints does', async () => {
    const cookie = await signIn(ledger, KEYS.auditor);
    const before = (await ledger.as('auditor').get('/audit/checkpoints').expect(200)).body.checkpoints.length;
    const token = formToken((await getPage(ledger, '/ui/audit', cookie).expect(200)).text);
    const res = await postForm(ledger, '/ui/audit/checkpoints', { _csrf: token }, { origin: ORIGIN, cookie }).expect(303);
    expect(res.headers.location).toBe('/ui/audit?sealed=1');
    expect((await ledger.as('auditor').get('/audit/checkpoints').expect(200)).body.checkpoints).toHaveLength(before + 1);
    expect((await getPage(ledger, res.headers.location, cookie).expect(200)).text).toContain('Checkpoint gemaakt op positie');
  });
});

describe('wrong keys', () => {
  it('count against the API’s own throttle: past the limit every key is answered 429, on the pages and the API alike', async () => {
    const strict = await startLedger(undefined, undefined, null, { wrongKeysPerMinute: 3 });
    try {
      await strict.withKey('wrong-key-of-this-client-0001').get('/reports/board').expect(401);
      await strict.withKey('wrong-key-of-this-client-0002').get('/reports/board').expect(401);
      await postForm(strict, '/ui/login', { key: 'wrong-key-of-this-client-0003' }).expect(401);
      // An empty field guesses nothing.
      await postForm(strict, '/ui/login', { key: '' }).expect(401);
      const blocked = await postForm(strict, '/ui/login', { key: 'wrong-key-of-this-client-0004' }).expect(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      expect(blocked.text).toContain('Te veel verkeerde sleutels');
      const right = await postForm(strict, '/ui/login', { key: KEYS.board }).expect(429);
      expect(sessionCookie(right)).toBeUndefined();
      await strict.as('board').get('/reports/board').expect(429);
    } finally {
      await strict.close();
    }
  });
});

describe('the session secret from configuration', () => {
  it('lets every instance with the same secret serve a session, and no other', async () => {
    const secret = 'one-secret-for-every-instance-of-this-board-0123456789';
    const [a, b, c] = await Promise.all([
      startLedger(undefined, undefined, null, { sessionSecret: secret }),
      startLedger(undefined, undefined, null, { sessionSecret: secret }),
      startLedger(undefined, undefined, null, { sessionSecret: `another-${secret}` }),
    ]);
    try {
      const cookie = await signIn(a, KEYS.board);
      await getPage(b, '/ui/home', cookie).expect(200);
      await getPage(c, '/ui/home', cookie).expect(303);
      expect(() => statSync(join(a.dataDir, SESSION_SECRET_FILE))).toThrow();
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });
});
