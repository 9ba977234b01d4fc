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

type Part = Parameters<DocStore['commitMany']>[0][number] & { readonly docs: Map<string, unknown> };

/** Documents held by a catch-up, per projection, with the checkpoint they reach: written together. */
const held = new Map<string, Part>();
/** Past this many held documents (about 10 kB of heap each) the thread writes them: memory stays bounded. */
const HOLD_DOCS = 20_000;
const heldDocs = () => [...held.values()].reduce((n, p) => n + p.docs.size, 0);

/** Each projection's documents after the batch (on top of what is held), with its checkpoint: the position and the event it last applied. */
const parts = (docs: DocStore, projections: readonly Projection<unknown>[], events: readonly RecordedEvent[]): Part[] => {
  const { position, eventId, stream, revision } = events[events.length - 1];
  const lastEvent = { eventId, stream, revision };
  return projections.map((p) => {
    const kept = held.get(p.name)?.docs;
    const touched = foldBatch(p, events, (key) => (kept?.has(key) ? kept.get(key) : docs.get(p.name, key)));
    if (kept) for (const [key, doc] of touched) kept.set(key, doc);
    return { projection: p.name, version: p.version, docs: kept ?? touched, position, lastEvent };
  });
};

/** The checkpoint thread holds the read models' lock now and then: wait, then commit. */
const commit = async (docs: DocStore, batch: readonly Part[]): Promise<void> => {
  for (let waited = 0; ; waited += BUSY_PAUSE_MS) {
    try {
      return docs.commitMany(batch);
    } catch (e) {
      if (!isBusy(e) || waited >= BUSY_GIVE_UP_MS) throw e;
      await new Promise((r) => setTimeout(r, BUSY_PAUSE_MS));
    }
  }
};

/** Commits `batch` (held documents go with it); answers the position reached and the keys written. */
const write = async (docs: DocStore, batch: readonly Part[]) => {
  await commit(docs, batch);
  for (const part of batch) held.delete(part.projection);
  return { position: batch[batch.length - 1].position, written: batch.map((p) => [p.projection, [...p.docs.keys()]] as const) };
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
  const names = (list: readonly string[]) => list.map((name) => byName.get(name)!);
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
        if (m.kind === 'fold' && m.hold) {
          for (const part of parts(docs, names(m.projections), m.events)) held.set(part.projection, part);
          if (heldDocs() <= HOLD_DOCS) return reply({ kind: 'folded', id: m.id, position: null, written: [] });
          return reply({ kind: 'folded', id: m.id, ...(await write(docs, [...held.values()])) });
        }
        // What a catch-up held is written first: a live batch follows it, never the other way round.
        const before = held.size > 0 ? await write(docs, [...held.values()]) : null;
        const batch = m.kind === 'fold' ? parts(docs, names(m.projections), m.events) : [];
        const after = batch.length > 0 ? await write(docs, batch) : null;
        reply({
          kind: 'folded',
          id: m.id,
          position: after?.position ?? before?.position ?? null,
          written: [...(before?.written ?? []), ...(after?.written ?? [])],
        });
      } catch (e) {
        reply({ kind: 'failed', id: m.id, error: toWire(e) });
      }
    });
  });
  reply({ kind: 'ready' });
};

start();
