import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DocStore } from '../src/read-models/doc-store';
import { enrolledPupils, startBenchLedger } from './bench-ledger';
import { measureCommandBus } from './commands';
import { type CpuProfile, renderSummary, summarise } from './cpuprofile-summary';
import { historyInto } from './kept-history';

/**
 * `node dist/bench/profile-bus.js KEPT [seconds=10] [writers=64]`: on a copy of a history kept by
 * `npm run bench -- <scale> --history DIR` (KEPT is DIR/<scale>), starts the ledger in this process
 * (its read models caught up first), warms up with 16 writers for 5 s, then profiles the main
 * thread for `seconds` while `writers` give consents through the command bus; prints the figure and
 * where the main thread went per command. The projections fold on their own thread, not profiled.
 */
const main = async () => {
  const [kept, seconds, writers] = [process.argv[2], Number(process.argv[3] ?? 10), Number(process.argv[4] ?? 64)];
  const dir = mkdtempSync(join(tmpdir(), 'ledger-profile-bus-'));
  try {
    const loaded = await historyInto(dir, 0, (l) => process.stderr.write(`${l}\n`), kept);
    const app = await startBenchLedger(dir);
    const enrolled = enrolledPupils(app.get(DocStore), loaded.pupils);
    await measureCommandBus(app, enrolled, 16, 5);
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    const measured = await measureCommandBus(app, enrolled, writers, seconds);
    const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: CpuProfile };
    session.disconnect();
    await app.close();
    const file = join(tmpdir(), `bus-${writers}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    process.stdout.write(`${JSON.stringify(measured)}\n\n${renderSummary(summarise(profile, measured.completed + measured.failed))}\n\nprofile: ${file}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
