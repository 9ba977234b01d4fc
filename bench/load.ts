import type { StreamWrite } from '../src/core/ports/event-store.port';
import type { SqliteEventStore } from '../src/store/sqlite-event-store';
import { type HistoryShape, pupilWrite, registerWrites } from './history';

export interface Loaded {
  readonly events: number;
  readonly pupils: number;
  readonly seconds: number;
}

/**
 * Writes the generated history through the store port, pupil by pupil, until `events` are stored:
 * the same append path (hash chain, revision checks, fsync) as the ledger's commands, in batches.
 */
export const loadHistory = async (store: SqliteEventStore, shape: Omit<HistoryShape, 'pupils'>, events: number, log: (l: string) => void): Promise<Loaded> => {
  const started = Date.now();
  // Registers a library for every school the loop may reach (pupils have 8-15 events each).
  const full: HistoryShape = { ...shape, pupils: Math.ceil(events / 6) };
  let stored = 0;
  for (const w of registerWrites(full)) stored += (await store.append([w])).length;
  let pupils = 0;
  let batch: StreamWrite[] = [];
  const flush = async () => {
    stored += (await store.append(batch)).length;
    batch = [];
  };
  let lastLog = Date.now();
  while (stored + batch.reduce((n, w) => n + w.events.length, 0) < events) {
    batch.push(pupilWrite(full, pupils++));
    if (batch.length >= 250) await flush();
    if (Date.now() - lastLog > 10_000) {
      log(`  loaded ${stored} events (${Math.round(stored / ((Date.now() - started) / 1000))}/s)`);
      lastLog = Date.now();
    }
  }
  if (batch.length) await flush();
  return { events: stored, pupils, seconds: (Date.now() - started) / 1000 };
};
