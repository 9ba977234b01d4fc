import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Projection } from '../../projections/projection';
import { SqliteEventStore } from '../store/sqlite-event-store';
import { anEvent } from '../store/testing/event-store.conformance';
import { DocStore } from './doc-store';
import { ProjectionRunner } from './projection-runner';

/** Counts events per stream; `seen` counts every evolve call, to tell a rebuild from a resume. */
const counter = (version: number, seen: { n: number }): Projection<{ count: number }> => ({
  name: 'counter',
  version,
  handles: ['Counted'],
  keys: (e) => [e.stream],
  initial: () => ({ count: 0 }),
  evolve: (doc) => {
    seen.n++;
    return { count: doc.count + 1 };
  },
});

describe('projection runner', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-runner-'));
  const open = async (version: number, seen: { n: number }) => {
    const store = new SqliteEventStore(join(dir, 'events.db'));
    const docs = new DocStore(join(dir, 'read-models.db'));
    const runner = new ProjectionRunner(store, docs, [counter(version, seen)]);
    await runner.onModuleInit();
    return { store, docs, runner, close: async () => (await runner.onApplicationShutdown(), await store.close(), await docs.close()) };
  };

  it('folds, resumes from its persisted checkpoint, and rebuilds from zero when its version changes', async () => {
    const first = { n: 0 };
    const a = await open(1, first);
    await a.store.append([{ stream: 's-1', expectedRevision: 'no_stream', events: [anEvent('Counted'), anEvent('Counted'), anEvent('Other')] }]);
    await a.runner.sync();
    expect(a.docs.get('counter', 's-1')).toEqual({ count: 2 });
    await a.close();

    const resumed = { n: 0 };
    const b = await open(1, resumed);
    await b.store.append([{ stream: 's-1', expectedRevision: 2, events: [anEvent('Counted')] }]);
    await b.runner.sync();
    expect(b.docs.get('counter', 's-1')).toEqual({ count: 3 });
    expect(resumed.n).toBe(1);
    await b.close();

    const rebuilt = { n: 0 };
    const c = await open(2, rebuilt);
    expect(c.docs.get('counter', 's-1')).toEqual({ count: 3 });
    expect(rebuilt.n).toBe(3);
    await c.close();
  });

  it('survives a failed run and catches up from its checkpoint on the next event', async () => {
    const unhandled: unknown[] = [];
    const record = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', record);
    const seen = { n: 0 };
    let failOnce = true;
    const flaky: Projection<{ count: number }> = {
      ...counter(1, seen),
      name: 'flaky',
      evolve: (doc) => {
        if (failOnce) {
          failOnce = false;
          throw new Error('read model unavailable');
        }
        return { count: doc.count + 1 };
      },
    };
    const store = new SqliteEventStore(join(dir, 'flaky-events.db'));
    const docs = new DocStore(join(dir, 'flaky-read-models.db'));
    const runner = new ProjectionRunner(store, docs, [flaky]);
    await runner.onModuleInit();
    await store.append([{ stream: 's-f', expectedRevision: 'no_stream', events: [anEvent('Counted')] }]);
    await new Promise((r) => setTimeout(r, 100));
    expect(docs.get('flaky', 's-f')).toBeUndefined();
    await store.append([{ stream: 's-f', expectedRevision: 0, events: [anEvent('Counted')] }]);
    for (let i = 0; i < 50 && !docs.get('flaky', 's-f'); i++) await new Promise((r) => setTimeout(r, 10));
    expect(docs.get('flaky', 's-f')).toEqual({ count: 2 });
    expect(unhandled).toEqual([]);
    process.off('unhandledRejection', record);
    await runner.onApplicationShutdown();
    await store.close();
    await docs.close();
  });

  it('follows live appends without being asked', async () => {
    const seen = { n: 0 };
    const r = await open(1, seen);
    await r.store.append([{ stream: 's-live', expectedRevision: 'no_stream', events: [anEvent('Counted')] }]);
    for (let i = 0; i < 50 && !r.docs.get('counter', 's-live'); i++) await new Promise((res) => setTimeout(res, 10));
    expect(r.docs.get('counter', 's-live')).toEqual({ count: 1 });
    await r.close();
  });

  it('rebuilds read models that are past the head of the log they meet (built from another log)', async () => {
    const other = mkdtempSync(join(tmpdir(), 'ledger-runner-other-'));
    const store = new SqliteEventStore(join(other, 'events.db'));
    const docs = new DocStore(join(other, 'read-models.db'));
    // Read models that went up to position 50 of a log this one is not.
    docs.commit('counter', 1, new Map([['s-1', { count: 50 }]]), '50');
    await store.append([{ stream: 's-1', expectedRevision: 'no_stream', events: [anEvent('Counted')] }]);
    const runner = new ProjectionRunner(store, docs, [counter(1, { n: 0 })]);
    await runner.onModuleInit();
    expect(docs.get('counter', 's-1')).toEqual({ count: 1 });
    await runner.onApplicationShutdown();
    await store.close();
    await docs.close();
  });
});
