import type { Projection } from '../../projections/projection';
import type { RecordedEvent } from '../ledger/domain/recorded-event';

/**
 * Folds a batch of events into the documents they touch, loading each document once. Live,
 * rebuild and replay all fold through here, so they cannot come to different answers.
 */
export const foldBatch = (p: Projection<unknown>, events: readonly RecordedEvent[], load: (key: string) => unknown): Map<string, unknown> => {
  const touched = new Map<string, unknown>();
  for (const e of events) {
    if (!p.handles.includes(e.type)) continue;
    for (const key of p.keys(e)) {
      const doc = touched.has(key) ? touched.get(key) : (load(key) ?? p.initial(key));
      touched.set(key, p.evolve(doc, e, key));
    }
  }
  return touched;
};
