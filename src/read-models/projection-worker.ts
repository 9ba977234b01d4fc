/**
 * The fold thread's program: folds the batches the main thread posts into the read models and
 * commits them, on a connection of its own to read-models.db, so that neither the folds, nor the
 * JSON of the documents, nor the SQLite writes take the main thread's time. Started by FoldThread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Projection } from '../../projections/projection';
import type { RecordedEvent } from '../ledger/domain/recorded-event';
import { BUSY_GIVE_UP_MS, isBusy } from '../store/sqlite-busy';
import { DocStore } from './doc-store';
import { type FoldReply, type FoldRequest, type ProjectionSource, loadProjections, toWire } from './fold-messages';
import { foldBatch } from './fold-batch';

const BUSY_PAUSE_MS = 10;
const port = parentPort!;
const reply = (m: FoldReply) => port.postMessage(m);
const { file, source } = workerData as { file: string; source: ProjectionSource };

/** Each projection's documents after the batch, with its checkpoint: the position and the event it last applied. */
const parts = (docs: DocStore, projections: readonly Projection<unknown>[], events: readonly RecordedEvent[]) => {
  const { position, eventId, stream, revision } = events[events.length - 1];
  const lastEvent = { eventId, stream, revision };
  return projections.map((p) => ({
    projection: p.name,
    version: p.version,
    docs: foldBatch(p, events, (key) => docs.get(p.name, key)),
    position,
    lastEvent,
  }));
};

/** The checkpoint thread holds the read models' lock now and then: wait, then commit. */
const commit = async (docs: DocStore, batch: ReturnType<typeof parts>): Promise<void> => {
  for (let waited = 0; ; waited += BUSY_PAUSE_MS) {
    try {
      return docs.commitMany(batch);
    } catch (e) {
      if (!isBusy(e) || waited >= BUSY_GIVE_UP_MS) throw e;
      await new Promise((r) => setTimeout(r, BUSY_PAUSE_MS));
    }
  }
};

const start = (): void => {
  let docs: DocStore;
  let byName: Map<string, Projection<unknown>>;
  try {
    byName = new Map(loadProjections(source).map((p) => [p.name, p]));
    // The main thread's connection runs the file's checkpoint thread: one per file.
    docs = new DocStore(file, { checkpointer: false });
  } catch (e) {
    reply({ kind: 'opening-failed', error: toWire(e) });
    port.close();
    return;
  }
  // One batch at a time, in the order posted, even while one waits for the lock.
  let queue = Promise.resolve();
  port.on('message', (m: FoldRequest) => {
    if (m.kind === 'close') {
      queue = queue.then(async () => {
        await docs.close();
        port.close();
      });
      return;
    }
    queue = queue.then(async () => {
      try {
        const batch = parts(
          docs,
          m.projections.map((name) => byName.get(name)!),
          m.events,
        );
        await commit(docs, batch);
        const written = batch.map((p) => [p.projection, [...p.docs.keys()]] as const);
        reply({ kind: 'folded', id: m.id, position: m.events[m.events.length - 1].position, written });
      } catch (e) {
        reply({ kind: 'failed', id: m.id, error: toWire(e) });
      }
    });
  });
  reply({ kind: 'ready' });
};

start();
