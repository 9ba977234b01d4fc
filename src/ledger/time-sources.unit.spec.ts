import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * "Time, in one place": only the time module reads date strings. `new Date(string)` and
 * `Date.parse` read a zone-less time in the host's zone and accept forms the contract refuses, so
 * anywhere else they would bring back the bugs of issue 9. `new Date()` (now) stays allowed.
 */
const ROOT = join(__dirname, '..', '..');
const TIME_MODULE = /^src\/ledger\/domain\/time(-[a-z]+)?\.ts$/;
const FORBIDDEN = [/\bDate\.parse\s*\(/, /\bnew\s+Date\s*\(\s*[^)\s]/, /\bIsISO8601\b/, /\bIsDateString\b/];

const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sources(path);
    return /\.tsx?$/.test(name) && !/\.spec\.ts$/.test(name) ? [path] : [];
  });

it('no source outside the time module parses a date string', () => {
  const offenders = ['src', 'projections']
    .flatMap((dir) => sources(join(ROOT, dir)))
    .map((path) => relative(ROOT, path).split('\\').join('/'))
    .filter((path) => !TIME_MODULE.test(path))
    .flatMap((path) =>
      readFileSync(join(ROOT, path), 'utf8')
        .split('\n')
        .map((line, i) => ({ line, at: `${path}:${i + 1}` }))
        .filter(({ line }) => !line.trim().startsWith('//') && !line.trim().startsWith('*') && FORBIDDEN.some((f) => f.test(line)))
        .map(({ at, line }) => `${at}: ${line.trim()}`),
    );
  expect(offenders).toEqual([]);
});
