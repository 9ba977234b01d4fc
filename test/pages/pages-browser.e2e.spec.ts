import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { KEYS, type LedgerApp, startLedger } from '../support/ledger-app';
import { axeViolations, describeInBrowser, launchChromium, screenshot } from './browser';
import { ALL_PUPILS, NAMED, buildWorld, writeSchoolRegister } from './pages-world';

/**
 * The pages as a person uses them, in headless Chromium under the ledger's content security policy:
 * each role signs in, opens its pages, clicks through; what is shown and what is not is asserted,
 * axe-core checks each page, and screenshots go to .tmp/screenshots.
 */
jest.setTimeout(180_000);

describeInBrowser('the pages in Chromium', () => {
  let ledger: LedgerApp;
  let browser: Browser;
  let base: string;
  const policyBroken: string[] = [];

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pages-browser-'));
    ledger = await startLedger(join(dir, 'data'), undefined, null, { schoolsFile: writeSchoolRegister(dir) });
    await buildWorld(ledger);
    await ledger.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(ledger.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await ledger?.close();
  });

  const watched = (page: Page): Page => {
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) policyBroken.push(m.text());
    });
    page.on('pageerror', (e) => policyBroken.push(e.message));
    return page;
  };

  /** A fresh browser context signed in with `key` by the sign-in form, by keyboard. */
  const signedIn = async (key: string, viewport = { width: 1200, height: 900 }): Promise<{ context: BrowserContext; page: Page }> => {
    const context = await browser.newContext({ viewport });
    const page = watched(await context.newPage());
    await page.goto(`${base}/ui/`);
    await page.fill('input[name=key]', key);
    await Promise.all([page.waitForURL('**/ui/home'), page.press('input[name=key]', 'Enter')]);
    return { context, page };
  };

  /** No accessibility problem axe-core knows of, on the page at `path` as this context's reader sees it. */
  const accessible = async (context: BrowserContext, path: string) => {
    const check = await browser.newContext({ bypassCSP: true });
    try {
      expect([path, await axeViolations(check, `${base}${path}`, await context.cookies())]).toEqual([path, []]);
    } finally {
      await check.close();
    }
  };

  it('signs in by key through the form, and refuses a wrong one', async () => {
    const context = await browser.newContext();
    const page = watched(await context.newPage());
    await page.goto(`${base}/ui/board`);
    expect(page.url()).toBe(`${base}/ui/login?next=%2Fui%2Fboard`);
    await screenshot(page, 'login');
    await page.fill('input[name=key]', 'this-is-not-a-key-of-the-ledger');
    await page.click('button[type=submit]');
    expect(await page.textContent('[role=alert]')).toContain('Deze sleutel kent het register niet.');
    await page.fill('input[name=key]', KEYS.board);
    await Promise.all([page.waitForURL('**/ui/board'), page.click('button[type=submit]')]);
    await accessible(context, '/ui/login');
    await context.close();
  });

  it('shows a board member first what needs action, then the charts; the filter narrows to one school', async () => {
    const { context, page } = await signedIn(KEYS.board);
    await page.click('nav >> text=Bestuur');
    expect(await page.textContent('h1')).toBe('Bestuursoverzicht');
    const tiles = (await page.locator('.tiles .tile').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
    expect(tiles.slice(0, 3)).toEqual([
      expect.stringMatching(/^1 dossiers over de bewaartermijn/),
      expect.stringMatching(/^1 dossiers binnen 90 dagen te vernietigen/),
      expect.stringMatching(/^1 keer gedeeld terwijl de grondslag al was vervallen/),
    ]);
    expect(await page.locator('figure .chart svg').count()).toBe(3);
    await screenshot(page, 'board');
    await page.click('.tiles >> text=Naar de lijst >> nth=2');
    expect(await page.textContent('#without-basis + p + div table')).toContain(NAMED.pupilId);
    await page.selectOption('select[name=school]', 's-anker');
    await Promise.all([page.waitForURL('**school=s-anker**'), page.click('text=Toon')]);
    expect((await page.locator('main table').allTextContents()).join(' ')).toContain('Het Anker');
    expect((await page.locator('main table').allTextContents()).join(' ')).not.toContain('De Regenboog');
    await accessible(context, '/ui/board');
    await context.close();
    const phone = await signedIn(KEYS.board, { width: 390, height: 844 });
    await phone.page.goto(`${base}/ui/board`);
    // Nothing but the tables' own regions scrolls sideways on a phone.
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(phone.page, 'board-phone');
    await phone.context.close();
  });

  it('shows the works council its report, with no pupil id in the page or any of its requests', async () => {
    const { context, page } = await signedIn(KEYS['works-council']);
    const traffic: string[] = [];
    page.on('request', (r) => traffic.push(`${r.url()} ${r.postData() ?? ''}`));
    page.on('response', async (r) => {
      traffic.push(JSON.stringify(r.headers()));
      if (r.status() < 300) traffic.push(await r.text().catch(() => ''));
    });
    await page.click('nav >> text=Medezeggenschap');
    await page.selectOption('select[name=year]', 'all');
    await Promise.all([page.waitForURL('**year=all**'), page.click('text=Toon')]);
    expect(await page.textContent('main .notice')).toContain('aantallen van 1 tot en met 4 verborgen');
    expect(await page.locator('figure .chart svg').count()).toBe(3);
    await screenshot(page, 'works-council');
    // What was seen holds the pages themselves, so a pupil id in them would be found.
    expect(traffic.some((t) => t.includes('Overzicht voor de medezeggenschapsraad'))).toBe(true);
    expect(ALL_PUPILS.filter((id) => traffic.some((t) => t.includes(id)))).toEqual([]);
    const html = await page.content();
    expect(ALL_PUPILS.filter((id) => html.includes(id))).toEqual([]);
    const board = await page.goto(`${base}/ui/board`);
    expect(board?.status()).toBe(403);
    await accessible(context, '/ui/works-council?year=all');
    await context.close();
  });

  it('takes the director to a pupil: consents as of a moment, who could see what, the history, the parent’s export', async () => {
    const { context, page } = await signedIn(KEYS.director);
    await page.click('nav >> text=Leerling');
    await page.fill('input[name=pupilId]', NAMED.pupilId);
    await Promise.all([page.waitForURL(`**/ui/pupils/${NAMED.pupilId}`), page.press('input[name=pupilId]', 'Enter')]);
    const library = () => page.locator('table >> nth=0').locator('tr', { hasText: 'Gegevens naar de bibliotheek' }).textContent();
    expect(await library()).toContain('ingetrokken');
    expect(await page.textContent('main')).toContain('De grondslag was al vervallen');
    expect(await page.locator('figure .chart svg').count()).toBe(1);
    expect(await page.textContent('main')).toContain(NAMED.name);
    await screenshot(page, 'pupil');
    // As it held on 10 September 2025, before the withdrawal dated 20 September.
    await page.fill('input[name=at]', '2025-09-10T12:00');
    await Promise.all([page.waitForURL('**at=2025-09-10T12%3A00**'), page.click('main >> text=Toon')]);
    expect(await library()).toContain('toestemming');
    await accessible(context, `/ui/pupils/${NAMED.pupilId}`);
    await Promise.all([page.waitForURL('**/export'), page.click('text=Inzage-overzicht voor de ouders')]);
    expect(await page.textContent('h1')).toContain('Wat de school over uw kind heeft vastgelegd');
    await context.close();
  });

  it('runs the group-photo check by keyboard: per pupil allowed or not, and why', async () => {
    const { context, page } = await signedIn(KEYS.director);
    await page.goto(`${base}/ui/group-photo`);
    // The skip link comes first, and leads to the content.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Naar de inhoud');
    await page.focus('select[name=purpose]');
    await page.selectOption('select[name=purpose]', 'photo-website');
    await page.keyboard.press('Tab');
    await page.keyboard.type(['rb-01', 'rb-02', 'rb-03', 'rb-09', 'rb-10', 'rb-11', 'rb-12', 'rb-99'].join('\n'));
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')]);
    await page.waitForSelector('#result');
    expect(await page.textContent('main [role=alert]')).toContain('Nee: 4 van de 8 leerlingen hebben geen geldige toestemming');
    const rows = Object.fromEntries((await page.locator('main table tbody tr').allTextContents()).map((r) => [r.slice(0, 5), r.slice(5)]));
    expect(rows['rb-01']).toMatch(/^Jatoestemming/);
    expect(rows['rb-10']).toMatch(/^Neegeweigerd/);
    expect(rows['rb-11']).toMatch(/^Neeouders oneensDe ouders zijn het oneens/);
    expect(rows['rb-12']).toMatch(/^Neeniets vastgelegd.*zwijgen is geen toestemming/);
    expect(rows['rb-99']).toMatch(/^Neeonbekende leerling/);
    await screenshot(page, 'group-photo');
    await accessible(context, '/ui/group-photo?pupilIds=rb-01+rb-10');
    await context.close();
  });

  it('lets the auditor verify the ledger, seal it, and take the public key', async () => {
    const { context, page } = await signedIn(KEYS.auditor);
    await page.click('nav >> text=Audit');
    await page.click('text=Controleer nu');
    expect(await page.textContent('main [role=status]')).toContain('In orde');
    await page.click('text=Nu verzegelen');
    expect(await page.textContent('main')).toContain('Checkpoint gemaakt op positie');
    expect(await page.textContent('main pre')).toContain('BEGIN PUBLIC KEY');
    await screenshot(page, 'audit');
    await accessible(context, '/ui/audit?verify=1');
    await context.close();
  });

  it('signs out, after which the pages ask for a key again', async () => {
    const { context, page } = await signedIn(KEYS.director);
    await page.click('text=Uitloggen');
    expect(await page.textContent('main')).toContain('U bent uitgelogd.');
    await page.goto(`${base}/ui/home`);
    expect(page.url()).toContain('/ui/login');
    await context.close();
  });

  it('reads in English on request', async () => {
    const { context, page } = await signedIn(KEYS.board);
    await page.click('text=English');
    expect(await page.textContent('h1')).toBe('Home');
    await page.click('nav >> text=Board');
    expect(await page.textContent('h1')).toBe('Board overview');
    await screenshot(page, 'board-en');
    await context.close();
  });

  it('broke no rule of the content security policy on any page', () => expect(policyBroken).toEqual([]));
});
