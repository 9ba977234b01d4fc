import fc from 'fast-check';
import { rmSync } from 'node:fs';
import { compareAccess, compareBoardReport, compareConsents, compareIntegrationEvents } from './property/compare';
import { histories } from './property/histories';
import { HistoryRun } from './property/run-history';
import { startLedger } from './support/ledger-app';

/**
 * The ledger against a reference model that is obviously right and slow, on random histories of
 * a small school sent over HTTP to a real ledger on its own data directory: consents both ways in
 * time, the consent check, access both ways, the board's figures, the lapses announced and every
 * consent change's status on the feed. A fixed seed and a modest count here; PROPERTY_RUNS (and
 * PROPERTY_SEED) for a longer run. Runs under two host zones (projects property, property-auckland).
 */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 30);
const SEED = Number(process.env.PROPERTY_SEED ?? 20260301);
jest.setTimeout(Math.max(120_000, RUNS * 5_000));

it(`answers as the reference model does, on ${RUNS} random histories (seed ${SEED})`, async () => {
  const started = Date.now();
  let steps = 0;
  await fc.assert(
    fc.asyncProperty(histories, async (h) => {
      const ledger = await startLedger();
      const run = new HistoryRun(ledger);
      try {
        await run.setUp(h);
        for (const { wait, command } of h.steps) await run.step(wait, command);
        steps += h.steps.length;
        run.now += 86_400_000;
        ledger.clock.current = new Date(run.now).toISOString();
        await compareConsents(ledger, run, h.probes);
        await compareAccess(ledger, run, h.probes);
        await compareBoardReport(ledger, run);
        await compareIntegrationEvents(ledger, run);
      } catch (e) {
        throw new Error(`${(e as Error).message}\n\nthe history as the ledger answered it:\n${run.answers.join('\n')}`);
      } finally {
        await ledger.close();
        rmSync(ledger.dataDir, { recursive: true, force: true });
      }
    }),
    // Shrinking replays histories over HTTP, which takes minutes: asked for with PROPERTY_SHRINK=1.
    { numRuns: RUNS, seed: SEED, endOnFailure: !process.env.PROPERTY_SHRINK },
  );

  if (process.env.PROPERTY_RUNS) console.log(`${RUNS} histories, ${steps} commands, ${Math.round((Date.now() - started) / 1000)} s`);
});
