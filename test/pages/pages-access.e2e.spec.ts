import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ROLES, type Role } from '../../src/auth/roles';
import { KEYS, type LedgerApp, startLedger } from '../support/ledger-app';
import { getPage, signIn } from './page-client';
import { ALL_PUPILS, NAMED, SCHOOLS, buildWorld, writeSchoolRegister } from './pages-world';

/**
 * Who reads which page: each page shows what its reader's role may read through the API (DESIGN's
 * roles table), and a key per school only its schools. The table below says it page by page.
 */
const scoped = (role: Role) => `pages-anker-${role}-key-0123456789`;
let ledger: LedgerApp;
const cookies = new Map<string, string>();
const as = async (who: string) =>
  cookies.get(who) ?? (cookies.set(who, await signIn(ledger, who.startsWith('anker:') ? scoped(who.slice(6) as Role) : KEYS[who as Role])), cookies.get(who)!);

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pages-access-'));
  ledger = await startLedger(join(dir, 'data'), undefined, null, {
    schoolsFile: writeSchoolRegister(dir),
    keys: ROLES.map((r) => `${scoped(r)}:${r}:${SCHOOLS.anker}`),
  });
  await buildWorld(ledger);
});
afterAll(() => ledger.close());

//                                          registrar director board works-council auditor system
const PAGES: readonly [string, readonly number[]][] = [
  ['/ui/home', [200, 200, 200, 200, 200, 200]],
  ['/ui/board', [403, 200, 200, 403, 200, 403]],
  ['/ui/works-council', [403, 200, 200, 200, 200, 403]],
  ['/ui/pupils', [403, 200, 200, 403, 200, 403]],
  ['/ui/pupils/rb-01', [403, 200, 200, 403, 200, 403]],
  ['/ui/pupils/rb-01/export', [403, 200, 403, 403, 200, 403]],
  ['/ui/group-photo', [200, 200, 200, 403, 200, 403]],
  ['/ui/audit', [403, 200, 403, 403, 200, 403]],
  ['/ui/audit/public-key.pem', [403, 200, 403, 403, 200, 403]],
];

describe('who may open which page', () => {
  it.each(PAGES)('%s answers each role as the roles table says', async (path, expected) => {
    const seen = [];
    for (const role of ROLES) seen.push((await getPage(ledger, path, await as(role))).status);
    expect(seen).toEqual(expected);
  });

  it('answers a key per school for another school’s pupil as one the ledger does not know, and keeps the audit from it', async () => {
    for (const role of ['director', 'board', 'auditor'] as const) {
      const cookie = await as(`anker:${role}`);
      expect([role, (await getPage(ledger, '/ui/pupils/rb-01', cookie)).status]).toEqual([role, 404]);
      expect([role, (await getPage(ledger, '/ui/pupils/ak-01', cookie)).status]).toEqual([role, 200]);
      expect([role, (await getPage(ledger, '/ui/audit', cookie)).status]).toEqual([role, 403]);
      expect([role, (await getPage(ledger, `/ui/board?school=${SCHOOLS.regenboog}`, cookie)).status]).toEqual([role, 404]);
    }
  });

  it('keeps the pages out of the API’s OpenAPI document (and so out of its authorization matrix)', () => {
    const doc = SwaggerModule.createDocument(ledger.app, new DocumentBuilder().build());
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/ui'))).toEqual([]);
  });
});

describe('what a page shows', () => {
  it('shows the board its schools’ figures, and a key per school only its own', async () => {
    const all = (await getPage(ledger, '/ui/board', await as('board')).expect(200)).text;
    for (const text of ['De Regenboog', 'Het Anker', 'ak-06', 'ak-07', NAMED.pupilId]) expect([text, all.includes(text)]).toEqual([text, true]);
    const anker = (await getPage(ledger, '/ui/board', await as('anker:board')).expect(200)).text;
    expect(anker).toContain('Het Anker');
    expect(anker).not.toContain('De Regenboog');
    expect(anker).not.toMatch(/\brb-\d\d\b/);
  });

  it('shows the works council no pupil id anywhere, and says which counts it hides', async () => {
    const html = (await getPage(ledger, '/ui/works-council?year=all', await as('works-council')).expect(200)).text;
    expect(ALL_PUPILS.filter((id) => html.includes(id))).toEqual([]);
    expect(html).toContain('aantallen van 1 tot en met 4 verborgen');
    expect(html).toMatch(/<td class="num">verborgen<\/td>/);
  });

  it('shows names in the history to the director only, and no history to the board', async () => {
    expect((await getPage(ledger, `/ui/pupils/${NAMED.pupilId}`, await as('director')).expect(200)).text).toContain(NAMED.name);
    const board = (await getPage(ledger, `/ui/pupils/${NAMED.pupilId}`, await as('board')).expect(200)).text;
    expect(board).not.toContain(NAMED.name);
    expect(board).not.toContain('Geschiedenis');
    expect(board).toContain('Wie kon welke gegevens zien');
  });

  it('speaks English when asked, and keeps to it in its links', async () => {
    const html = (await getPage(ledger, '/ui/board?lang=en', await as('board')).expect(200)).text;
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Board overview');
    expect(html).toContain('href="/ui/works-council?lang=en"');
  });

  it('answers a time that does not read with a page naming the field', async () => {
    const res = await getPage(ledger, `/ui/pupils/${NAMED.pupilId}?at=2026-W09`, await as('director')).expect(400);
    expect(res.text).toContain('Dit verzoek klopt niet');
    expect(res.text).toContain('at');
  });
});

describe('escaping', () => {
  it('shows a school register’s text as text, never as markup', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pages-escape-'));
    const file = join(dir, 'schools.json');
    writeFileSync(file, JSON.stringify({ 's-x': { name: '<script>alert("x")</script><b>School</b>', contact: '<i>privacy@x.example</i>' } }));
    const other = await startLedger(join(dir, 'data'), undefined, null, { schoolsFile: file });
    try {
      await other
        .as('registrar')
        .post('/pupils', { pupilId: 'x-1', schoolId: 's-x', enrolledOn: '2025-08-25', guardians: [{ guardianId: 'g-1', relation: 'parent' }] })
        .expect(201);
      const html = (await getPage(other, '/ui/board', await signIn(other, KEYS.board)).expect(200)).text;
      expect(html).not.toMatch(/<script|<b>School/);
      expect(html).toContain('&lt;script>alert(&quot;x&quot;)&lt;/script>&lt;b>School&lt;/b>');
    } finally {
      await other.close();
    }
  });
});
