import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SchoolDayLoad } from './http-load-client';
import { type CpuProfile, renderSummary, summarise } from './cpuprofile-summary';
import { startLedger } from './ledger-process';
import { COMPILED } from './paths';

const KEY = 'bench-http-registrar-key-0123456789';

/**
 * `node dist/bench/profile-http.js [seconds=10] [clients=64]`: the school-day load (bench/http-load-client.ts)
 * against `node dist/src/main.js`, a 3 s warm-up unprofiled, then `seconds` with the main thread's CPU
 * profiled (bench/cpu-profile-preload.ts); prints the load's figures and where the thread went per
 * request (bench/cpuprofile-summary.ts). The profile is left in the ledger's data directory.
 */
const main = async () => {
  const [seconds, clients] = [Number(process.argv[2] ?? 10), Number(process.argv[3] ?? 64)];
  const ledger = await startLedger(KEY, ['-r', join(COMPILED, 'cpu-profile-preload.js')]);
  const file = join(ledger.dataDir, 'http.cpuprofile');
  const load = (s: number): SchoolDayLoad =>
    JSON.parse(
      execFileSync(
        process.execPath,
        [join(COMPILED, 'http-load-client.js'), JSON.stringify({ mode: 'school-day', url: ledger.url, key: KEY, clients, seconds: s })],
        {
          encoding: 'utf8',
        },
      ),
    ) as SchoolDayLoad;
  try {
    load(3);
    ledger.signal('SIGWINCH');
    const measured = load(seconds);
    ledger.signal('SIGWINCH');
    while (!existsSync(`${file}.done`)) await new Promise((r) => setTimeout(r, 100));
    const requests = Object.values(measured.statuses).reduce((a, b) => a + b, 0);
    process.stdout.write(
      `${JSON.stringify(measured)}\n\n${renderSummary(summarise(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, requests))}\n\nprofile: ${file}\n`,
    );
  } finally {
    await ledger.stop(true);
  }
};

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
