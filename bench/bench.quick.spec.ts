import { execFileSync } from 'node:child_process';
import { ROOT } from './paths';
import { renderSection } from './report';
import { machine, runBench } from './run';

/**
 * The harness in quick mode, so that it never rots: every figure is produced and rendered. The
 * numbers are not judged here — a test is no place for timing — only that each one was measured.
 */
jest.setTimeout(240_000);

it('measures every figure of BENCHMARKS.md at a small scale', async () => {
  execFileSync('npm', ['run', '--silent', 'bench:build'], { cwd: ROOT, stdio: 'inherit' });
  const r = await runBench({ events: 5_000, label: 'quick', seconds: 1, querySamples: 50, peerPupils: 40, log: () => undefined });
  const measured = (v: number) => expect(Number.isFinite(v) && v > 0).toBe(true);
  expect(r.loaded.events).toBeGreaterThanOrEqual(5_000);
  [r.bytesPerEvent, r.rebuild!.perSecond, r.rebuild!.peakRss].forEach(measured);
  for (const q of Object.values(r.queries)) [q.p50, q.p99].forEach(measured);
  expect(r.bus.map((t) => t.writers)).toEqual([1, 16, 64]);
  expect(r.http.map((t) => t.writers)).toEqual([1, 16, 64]);
  for (const t of [...r.bus, ...r.http]) [t.perSecond, t.p99].forEach(measured);
  // The bench's own client against `node dist/src/main.js`: requests made and answered, none refused.
  const day = r.httpProcess.schoolDay;
  expect(day.clients).toBe(64);
  expect(day.pupilsEnrolled).toBeGreaterThan(0);
  [day.requestsPerSecond, day.commandsPerSecond, day.p50, day.p99].forEach(measured);
  expect(day.statuses).toEqual({ 201: expect.any(Number) });
  expect(day.errors).toBe(0);
  // 100 consents on one pupil at once are every one answered; how many 409 is the figure, not judged here.
  expect(Object.values(r.httpProcess.onePupil.statuses).reduce((a, b) => a + b, 0) + r.httpProcess.onePupil.errors).toBe(100);
  // Every command goes to a pupil who may be given a consent: one who left the school refuses it.
  expect(r.bus.map((t) => t.failed)).toEqual([0, 0, 0]);
  expect(r.peer.filter((p) => p.store.startsWith('consent')).map((p) => p.writers)).toEqual([1, 16]);
  const md = renderSection('', r, machine(), 'now');
  for (const row of [
    'bytes per event',
    'rebuild of every projection',
    'peak memory',
    'as-of consent query',
    'consent check of a class',
    '| command bus | 64 |',
    'autocannon',
    '| enrol + 5 consents',
    'consents on one pupil at once',
  ])
    expect(md).toContain(row);
  // PostgreSQL where it answers (always under CI): the ledger's store at both writer counts, none failed, and the peer beside it when installed.
  if (process.env.CI === 'true') expect(r.postgres).not.toBeNull();
  if (r.postgres) {
    const runs = r.pgPeer.map((p) => `${p.store.startsWith('consent') ? 'ledger' : 'peer'} ${p.writers}`);
    expect(runs).toEqual(r.pgPeerInstalled ? ['ledger 1', 'peer 1', 'ledger 16', 'peer 16'] : ['ledger 1', 'ledger 16']);
    for (const p of r.pgPeer) measured(p.eventsPerSecond);
    expect(r.pgPeer.filter((p) => p.store.startsWith('consent')).map((p) => p.failed)).toEqual([0, 0]);
    expect(md).toContain('| consent ledger (PostgresEventStore) | 16 |');
  } else expect(md).toContain('PostgreSQL did not answer');
});
