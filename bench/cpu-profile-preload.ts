import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

/**
 * Preloaded into a ledger under measurement (`node -r dist/bench/cpu-profile-preload.js
 * dist/src/main.js`): SIGWINCH starts V8's CPU profiler on the main thread, the next SIGWINCH stops
 * it and writes the profile to `http.cpuprofile` in the ledger's data directory (then
 * `http.cpuprofile.done`, empty, once written).
 * So the profile covers the load alone, neither the start nor the shutdown; `--cpu-prof` would
 * cover both and writes nothing when Nest's shutdown hook re-raises SIGTERM. SIGWINCH, as Nest's
 * shutdown hooks take SIGUSR2 (and SIGUSR1 opens Node's inspector); its default is to be ignored.
 */
const dataDir = process.env.LEDGER_DATA_DIR;
if (dataDir) {
  const target = join(dataDir, 'http.cpuprofile');
  const session = new Session();
  session.connect();
  let running = false;
  process.on('SIGWINCH', () => {
    if (!running) {
      running = true;
      // 250 µs between samples: some 40,000 samples in 10 s.
      session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: 250 }, () => session.post('Profiler.start')));
      return;
    }
    running = false;
    session.post('Profiler.stop', (err, result) => {
      if (err) throw err;
      writeFileSync(target, JSON.stringify(result.profile));
      writeFileSync(`${target}.done`, '');
    });
  });
}
