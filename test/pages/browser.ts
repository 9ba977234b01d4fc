import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';

/** Debian's Chromium (`.ci/run` installs it); no browser is downloaded. */
export const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** Screenshots of the pages, kept as test artifacts (git-ignored). */
export const SCREENSHOTS = join(__dirname, '..', '..', '.tmp', 'screenshots');

/**
 * Browser tests run where Chromium is; elsewhere they are skipped with a loud warning — except in
 * CI (CI=true), where a missing browser fails the run.
 */
export const describeInBrowser = (name: string, body: () => void): void => {
  if (existsSync(CHROMIUM) || process.env.CI === 'true') return describe(name, body);
  process.stderr.write(`\n*** SKIPPED "${name}": no Chromium at ${CHROMIUM} (apt-get install -y chromium; CI installs it) ***\n\n`);
  describe.skip(name, body);
};

/** Chromium headless, each launch with a fresh profile directory of its own (playwright makes one and removes it after). */
export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });

export const screenshot = async (page: Page, name: string): Promise<string> => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
};

interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly string[] }[];
}

/**
 * The page's accessibility problems as axe-core finds them (WCAG 2.x A and AA rules). axe is
 * injected as an inline script, which the page's content security policy forbids: only the
 * context made for this check (`bypassCSP`) lets it in; every other test runs under the policy.
 */
export const axeViolations = async (context: BrowserContext, url: string, cookies: Awaited<ReturnType<BrowserContext['cookies']>>): Promise<string[]> => {
  await context.addCookies(cookies);
  const page = await context.newPage();
  try {
    await page.goto(url);
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    const violations = await page.evaluate(() =>
      (window as unknown as { axe: { run(o: object): Promise<{ violations: AxeViolation[] }> } }).axe
        .run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })
        .then((r) => r.violations),
    );
    return violations.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 5)
          .join(', ')}`,
    );
  } finally {
    await page.close();
  }
};
