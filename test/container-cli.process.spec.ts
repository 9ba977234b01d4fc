import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { enrolBody, startLedger } from './support/ledger-app';

const ROOT = join(__dirname, '..');
/** Where test/process/global-setup.js built the ledger: what the image's build stage makes as /app/dist. */
const BUILD = join(ROOT, '.tmp', 'process-build');

/** The final stage of the Dockerfile: what the image holds, as `COPY` lines name it. */
const finalStageCopies = (): { from: string | null; source: string; target: string }[] => {
  const lines = readFileSync(join(ROOT, 'Dockerfile'), 'utf8').split('\n');
  const last = lines
    .map((l, i) => (/^FROM\s/i.test(l) ? i : -1))
    .filter((i) => i >= 0)
    .pop()!;
  return lines.slice(last).flatMap((l) => {
    const m = /^COPY\s+(?:--from=(\S+)\s+)?(\S+)\s+(\S+)\s*$/i.exec(l.trim());
    return m ? [{ from: m[1] ?? null, source: m[2], target: m[3] }] : [];
  });
};

/**
 * The image, without a container engine: a directory laid out as the Dockerfile's final stage lays
 * out /app — its production dependencies installed from the lockfile (the build stage's `npm prune
 * --omit=dev`), the build as dist/, package.json — and the ledger command run from it as a user of
 * the image would: `npm run ledger -- …`.
 */
describe('the ledger command inside the container image', () => {
  const app = mkdtempSync(join(tmpdir(), 'ledger-image-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-image-data-'));
  afterAll(() => {
    rmSync(app, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  beforeAll(async () => {
    for (const { from, source, target } of finalStageCopies()) {
      const dest = target.endsWith('/') ? join(app, target, basename(source)) : join(app, target);
      if (from === null) cpSync(join(ROOT, source), dest, { recursive: true });
      else if (source === '/app/dist') cpSync(BUILD, dest, { recursive: true });
      else if (source === '/app/node_modules') {
        // What the build stage keeps: the lockfile's production dependencies. Its native module
        // is the one built here (the image's build stage compiles its own the same way).
        const stage = mkdtempSync(join(tmpdir(), 'ledger-image-stage-'));
        cpSync(join(ROOT, 'package.json'), join(stage, 'package.json'));
        cpSync(join(ROOT, 'package-lock.json'), join(stage, 'package-lock.json'));
        execFileSync('npm', ['install', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: stage, stdio: 'pipe' });
        cpSync(join(ROOT, 'node_modules', 'better-sqlite3', 'build'), join(stage, 'node_modules', 'better-sqlite3', 'build'), { recursive: true });
        cpSync(join(stage, 'node_modules'), dest, { recursive: true });
        rmSync(stage, { recursive: true, force: true });
      } else throw new Error(`the Dockerfile copies ${source} from ${from}: this test does not know how to lay that out`);
    }
    const ledger = await startLedger(dataDir);
    await ledger
      .as('registrar')
      .post('/pupils', enrolBody('p-img', { personal: { name: 'Noor Beeld' } }))
      .expect(201);
    await ledger.close();
  }, 180_000);

  const ledgerCommand = (...args: string[]) =>
    spawnSync('npm', ['run', '--silent', 'ledger', '--', ...args], {
      cwd: app,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', LEDGER_DATA_DIR: dataDir },
      encoding: 'utf8',
    });

  it('holds no TypeScript sources or compiler: the command runs the build as it is', () => {
    expect(existsSync(join(app, 'src'))).toBe(false);
    expect(existsSync(join(app, 'node_modules', 'typescript'))).toBe(false);
    expect(existsSync(join(app, 'dist', 'src', 'cli', 'ledger.js'))).toBe(true);
  });

  it('verifies the data directory', () => {
    const r = ledgerCommand('verify');
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('ok: every chain and checkpoint verifies');
  });

  it('exports a pupil as the parent’s page, saying where it wrote it', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ledger-image-out-')), 'inzage.html');
    const r = ledgerCommand('export', '--pupil', 'p-img', '--format', 'html', '--out', out);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`to ${out}`);
    expect(readFileSync(out, 'utf8')).toContain('Noor Beeld');
    expect(statSync(out).mode & 0o777).toBe(0o600);
    rmSync(join(out, '..'), { recursive: true, force: true });
  });

  it('exits 0 when done, 1 on a finding, 2 on a usage error', () => {
    expect(ledgerCommand('export', '--pupil', 'p-nobody').status).toBe(1);
    const usage = ledgerCommand('verify', '--no-such-option');
    expect([usage.status, usage.stderr]).toEqual([2, expect.stringContaining("unknown option '--no-such-option'")]);
    const noKey = ledgerCommand('verify', '--checkpoint', join(dataDir, 'audit-checkpoint.json'));
    expect([noKey.status, noKey.stdout]).toEqual([2, '']);
    expect(noKey.stderr).toContain('--checkpoint needs --public-key');
    expect(ledgerCommand('--help').status).toBe(0);
  });

  it('replays into a file outside the data directory', () => {
    const before = readdirSync(dataDir).sort();
    const r = ledgerCommand('replay', '--until', '2099-01-01');
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('read 1 events; replayed the 1 that had happened by');
    const written = /wrote the replayed read models to (\S+)/.exec(r.stderr)![1];
    expect(written.startsWith(dataDir)).toBe(false);
    expect(existsSync(written)).toBe(true);
    rmSync(written, { force: true });
    expect(readdirSync(dataDir).sort()).toEqual(before);
    mkdirSync(dataDir, { recursive: true });
  });
});
