import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { KeyStore } from '../src/personal-data/key-store';
import { SqliteEventStore } from '../src/store/sqlite-event-store';
import { type Loaded, loadHistory } from './load';

/** A loaded history kept for later runs: what its load measured, and when. */
export interface KeptLoad extends Loaded {
  readonly loadedAt: string;
  /** The 1-minute load average when the load ended: the cores may have been shared. */
  readonly loadAverage: number;
  /** Whether it was copied from a history kept by an earlier run. */
  readonly kept?: boolean;
}

const FILES = ['events.db', 'keys.db'];

/**
 * Loads the generated history into `dir` (a fresh data directory: keys.db, events.db), or, with
 * `keep`, into `keep` once and then copies it to `dir` on every later run: the history is the same
 * for a scale and a seed, and its load (about 35 minutes at 15 M events here) need not be repeated
 * to measure a new build's rebuild, queries and commands. Answers the load's own figures, from the
 * run that made it.
 */
export const historyInto = async (dir: string, events: number, log: (l: string) => void, keep?: string): Promise<KeptLoad> => {
  const target = keep ?? dir;
  const marker = join(target, 'loaded.json');
  if (!keep || !existsSync(marker)) {
    log(`loading ~${events} events into ${target}`);
    mkdirSync(target, { recursive: true });
    // A data directory as the ledger makes one: keys.db before any event (it does not start on a log without its keys).
    new KeyStore(join(target, 'keys.db')).close();
    const store = new SqliteEventStore(join(target, 'events.db'));
    const loaded = await loadHistory(store, { seed: 2026, years: 1 }, events, log);
    // Closing checkpoints the WAL into events.db: the two files are the whole history.
    await store.close();
    writeFileSync(marker, JSON.stringify({ ...loaded, loadedAt: new Date().toISOString(), loadAverage: loadavg()[0] } satisfies KeptLoad));
  } else log(`copying the history kept in ${keep} (loaded ${(JSON.parse(readFileSync(marker, 'utf8')) as KeptLoad).loadedAt})`);
  if (keep) for (const f of FILES) copyFileSync(join(keep, f), join(dir, f));
  return { ...(JSON.parse(readFileSync(marker, 'utf8')) as KeptLoad), kept: keep !== undefined };
};
