import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedEvent } from '../ledger/domain/recorded-event';
import { SqliteEventStore } from '../store/sqlite-event-store';
import { anEvent } from '../store/testing/event-store.conformance';
import { DocStore } from './doc-store';
import { ProjectionRunner } from './projection-runner';

/** The embedded store, counting the events it hands out: a resume reads what is new, a rebuild everything. */
class CountingStore extends SqliteEventStore {
  read = 0;
  override async readAll(after: string | null, limit: number): Promise<readonly RecordedEvent[]> {
    const events = await super.readAll(after, limit);
    this.read += events.length;
    return events;
  }
}

const source = (exportName: 'COUNTER_V1' | 'COUNTER_V2' | 'FLAKY') => ({ file: require.resolve('./testing/counter-projections'), exportName });
const until = async (done: () => boolean) => {
  while (!done()) await new Promise((r) => setTimeout(r, 10));
};

describe('projection runner (folding on a thread of its own)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-runner-'));
  const open = async (exportName: 'COUNTER_V1' | 'COUNTER_V2' | 'FLAKY', name = 'events.db', models = 'read-models.db') => {
    const store = new CountingStore(join(dir, name));
    const docs = new DocStore(join(dir, models));
    const runner = new ProjectionRunner(store, docs, source(exportName));
    await runner.onModuleInit();
    return { store, docs, runner, close: async () => (await runner.onApplicationShutdown(), await store.close(), await docs.close()) };
  };

  it('folds, resumes from its persisted checkpoint, and rebuilds from zero when its version changes', async () => {
    const a = await open('COUNTER_V1');
    await a.store.append([{ stream: 's-1', expectedRevision: 'no_stream', events: [anEvent('Counted'), anEvent('Counted'), anEvent('Other')] }]);
    await a.runner.sync();
    expect(a.docs.get('counter', 's-1')).toEqual({ count: 2 });
    await a.close();

    const b = await open('COUNTER_V1');
    expect(b.store.read).toBe(0);
    await b.store.append([{ stream: 's-1', expectedRevision: 2, events: [anEvent('Counted')] }]);
    await b.runner.sync();
    expect(b.docs.get('counter', 's-1')).toEqual({ count: 3 });
    expect(b.store.read).toBe(1);
    await b.close();

    const c = await open('COUNTER_V2');
    expect(c.store.read).toBe(4);
    expect(c.docs.get('counter', 's-1')).toEqual({ count: 3 });
    await c.close();
  });

  it('writes a document that many batches of a rebuild touch once, with the checkpoint at the head', async () => {
    const store = new SqliteEventStore(join(dir, 'many-events.db'));
    // Three batches' worth (5,000 events each) on one stream, and one event on another.
    for (let revision = -1; revision < 11_999; revision += 1000)
      await store.append([
        { stream: 's-many', expectedRevision: revision < 0 ? 'no_stream' : revision, events: Array.from({ length: 1000 }, () => anEvent('Counted')) },
      ]);
    await store.append([{ stream: 's-one', expectedRevision: 'no_stream', events: [anEvent('Counted')] }]);
    await store.close();
    // Every write of a document, counted by the database itself.
    const docs = new DocStore(join(dir, 'many-read-models.db'));
    const db = new Database(join(dir, 'many-read-models.db'));
    db.exec('CREATE TABLE writes (key TEXT); CREATE TRIGGER count_writes AFTER INSERT ON docs BEGIN INSERT INTO writes VALUES (NEW.key); END');
    const r = await open('COUNTER_V1', 'many-events.db', 'many-read-models.db');
    expect(r.store.read).toBe(12_001);
    expect(r.docs.get('counter', 's-many')).toEqual({ count: 12_000 });
    expect(db.prepare('SELECT key, COUNT(*) AS n FROM writes GROUP BY key ORDER BY key').all()).toEqual([
      { key: 's-many', n: 1 },
      { key: 's-one', n: 1 },
    ]);
    expect(r.docs.checkpoint('counter')?.position).toBe(await r.store.head());
    db.close();
    await docs.close();
    await r.close();
  });

  it('answers a waiter with what it holds once its time is up, and with the position reached as soon as it is', async () => {
    const r = await open('COUNTER_V1', 'wait-events.db', 'wait-read-models.db');
    const [first] = await r.store.append([{ stream: 's-w', expectedRevision: 'no_stream', events: [anEvent('Counted')] }]);
    expect(await r.runner.waitFor(first.position, Infinity)).toBe(first.position);
    expect(await r.runner.waitFor(String(Number(first.position) + 100), 50)).toBe(first.position);
    await r.close();
  });

  it('survives a failed batch, says so, and folds the same batch again', async () => {
    const unhandled: unknown[] = [];
    const record = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', record);
    const r = await open('FLAKY', 'flaky-events.db', 'flaky-read-models.db');
    const conditions: string[] = [];
    const watching = setInterval(() => void r.runner.condition().then((c) => conditions.push(c.status)), 5);
    await r.store.append([{ stream: 's-f', expectedRevision: 'no_stream', events: [anEvent('Counted')] }]);
    // Handed again by the subscription (at its next poll or append at the latest): nothing is skipped.
    await until(() => r.docs.get('flaky', 's-f') !== undefined);
    clearInterval(watching);
    expect(r.docs.get('flaky', 's-f')).toEqual({ count: 1 });
    expect(conditions).toContain('failing');
    expect(await r.runner.condition()).toEqual({ status: 'ok' });
    expect(unhandled).toEqual([]);
    process.off('unhandledRejection', record);
    await r.close();
  });

  it('reports a commit the file refuses, and commits the batch once the file takes it again', async () => {
    const r = await open('COUNTER_V1', 'refused-events.db', 'refused-read-models.db');
    const other = new Database(join(dir, 'refused-read-models.db'));
    other.exec("CREATE TRIGGER refuse_docs BEFORE INSERT ON docs BEGIN SELECT RAISE(ABORT, 'refused'); END");
    await r.store.append([{ stream: 's-r', expectedRevision: 'no_stream', events: [anEvent('Counted')] }]);
    await expect(r.runner.sync()).rejects.toThrow('refused');
    expect(await r.runner.condition()).toMatchObject({ status: 'failing' });
    other.exec('DROP TRIGGER refuse_docs');
    other.close();
    await r.store.append([{ stream: 's-r', expectedRevision: 0, events: [anEvent('Counted')] }]);
    await r.runner.sync();
    expect(r.docs.get('counter', 's-r')).toEqual({ count: 2 });
    expect(await r.runner.condition()).toEqual({ status: 'ok' });
    await r.close();
  });

  it('follows live appends without being asked, and the main thread reads what the thread wrote', async () => {
    const r = await open('COUNTER_V1');
    expect(r.docs.get('counter', 's-live')).toBeUndefined();
    await r.store.append([{ stream: 's-live', expectedRevision: 'no_stream', events: [anEvent('Counted')] }]);
    await until(() => r.docs.get('counter', 's-live') !== undefined);
    // Cached on this side now; the thread's next write must replace it, not be hidden by it.
    expect(r.docs.get('counter', 's-live')).toEqual({ count: 1 });
    await r.store.append([{ stream: 's-live', expectedRevision: 0, events: [anEvent('Counted')] }]);
    await r.runner.sync();
    expect(r.docs.get('counter', 's-live')).toEqual({ count: 2 });
    await r.close();
  });

  it('rebuilds read models that are past the head of the log they meet (built from another log)', async () => {
    const other = mkdtempSync(join(tmpdir(), 'ledger-runner-other-'));
    const store = new SqliteEventStore(join(other, 'events.db'));
    const docs = new DocStore(join(other, 'read-models.db'));
    // Read models that went up to position 50 of a log this one is not.
    docs.commit('counter', 1, new Map([['s-1', { count: 50 }]]), '50');
    await store.append([{ stream: 's-1', expectedRevision: 'no_stream', events: [anEvent('Counted')] }]);
    const runner = new ProjectionRunner(store, docs, source('COUNTER_V1'));
    await runner.onModuleInit();
    expect(docs.get('counter', 's-1')).toEqual({ count: 1 });
    await runner.onApplicationShutdown();
    await store.close();
    await docs.close();
  });
});
