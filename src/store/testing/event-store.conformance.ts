import type { RecordedEvent } from '../../ledger/domain/recorded-event';
import { ms } from '../../ledger/domain/time-instant';
import { DuplicateEventId, type EventStore, type EventToAppend, IdempotencyKeyUsed, WrongExpectedRevision } from '../../core/ports/event-store.port';

let seq = 0;
export const anEvent = (type = 'Happened', data: unknown = { n: seq }): EventToAppend => ({
  eventId: `e-${process.pid}-${++seq}`,
  type,
  occurredAt: '2025-01-01T00:00:00.000Z',
  recordedAt: '2025-01-01T00:00:00.000Z',
  metadata: { schemaVersion: 1, actor: { id: 'a', role: 'registrar' }, schoolId: null, correlationId: 'c', causationId: null, idempotencyKeySha256: null },
  data,
});

const settle = <T>(ps: Promise<T>[]) => Promise.allSettled(ps);

/**
 * What every EventStore adapter must do. `open` gives a fresh, empty store; `reopen` the same
 * store again after close, to show that acknowledged appends survive. `eventIdsUniqueAcrossStreams`
 * false: the store cannot refuse an event id already used in another stream (EventStoreDB keeps no
 * index of event ids), and that test is skipped, by name.
 */
export const describeEventStoreConformance = (
  name: string,
  open: () => Promise<{ store: EventStore; reopen: () => Promise<EventStore> }>,
  { eventIdsUniqueAcrossStreams = true }: { readonly eventIdsUniqueAcrossStreams?: boolean } = {},
) =>
  describe(`EventStore conformance: ${name}`, () => {
    let store: EventStore;
    let reopen: () => Promise<EventStore>;
    beforeEach(async () => ({ store, reopen } = await open()));
    afterEach(() => store.close());

    it('appends to a new stream with revisions from 0 and reads them back in order', async () => {
      const [a, b] = [anEvent('A', { x: 1 }), anEvent('B', { x: 2 })];
      const appended = await store.append([{ stream: 's-1', expectedRevision: 'no_stream', events: [a, b] }]);
      expect(appended.map((e) => [e.revision, e.type])).toEqual([
        [0, 'A'],
        [1, 'B'],
      ]);
      const read = await store.readStream('s-1');
      expect(read.revision).toBe(1);
      expect(read.events.map((e) => ({ id: e.eventId, data: e.data, md: e.metadata }))).toEqual([
        { id: a.eventId, data: { x: 1 }, md: a.metadata },
        { id: b.eventId, data: { x: 2 }, md: b.metadata },
      ]);
    });

    it('reads a stream from a revision on, still answering its last revision', async () => {
      await store.append([{ stream: 's-1', expectedRevision: 'no_stream', events: [anEvent('A'), anEvent('B'), anEvent('C')] }]);
      const tail = await store.readStream('s-1', 1);
      expect([tail.revision, tail.events.map((e) => [e.revision, e.type])]).toEqual([
        2,
        [
          [1, 'B'],
          [2, 'C'],
        ],
      ]);
      expect(await store.readStream('s-1', 3)).toEqual({ revision: 2, events: [] });
    });

    it('reads a missing stream as revision -1 with no events', async () => {
      expect(await store.readStream('nothing-here')).toEqual({ revision: -1, events: [] });
    });

    it('refuses a write whose expected revision is stale, and appends nothing', async () => {
      await store.append([{ stream: 's-1', expectedRevision: 'no_stream', events: [anEvent()] }]);
      await expect(store.append([{ stream: 's-1', expectedRevision: 'no_stream', events: [anEvent()] }])).rejects.toBeInstanceOf(WrongExpectedRevision);
      await expect(store.append([{ stream: 's-1', expectedRevision: 5, events: [anEvent()] }])).rejects.toBeInstanceOf(WrongExpectedRevision);
      expect((await store.readStream('s-1')).revision).toBe(0);
      await store.append([{ stream: 's-1', expectedRevision: 0, events: [anEvent()] }]);
      await store.append([{ stream: 's-1', expectedRevision: 'any', events: [anEvent()] }]);
      expect((await store.readStream('s-1')).revision).toBe(2);
    });

    it('lets exactly one of many concurrent appends at the same revision win', async () => {
      await store.append([{ stream: 's-1', expectedRevision: 'no_stream', events: [anEvent()] }]);
      const results = await settle(Array.from({ length: 10 }, () => store.append([{ stream: 's-1', expectedRevision: 0, events: [anEvent()] }])));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(rejected).toHaveLength(9);
      rejected.forEach((r) => expect(r.reason).toBeInstanceOf(WrongExpectedRevision));
      expect((await store.readStream('s-1')).events).toHaveLength(2);
    });

    it('lets concurrent appends to different streams all succeed; a stale one refuses only itself', async () => {
      const results = await settle([
        store.append([{ stream: 'c-1', expectedRevision: 'no_stream', events: [anEvent('A')] }]),
        store.append([{ stream: 'c-2', expectedRevision: 7, events: [anEvent('B')] }]),
        store.append([{ stream: 'c-3', expectedRevision: 'no_stream', events: [anEvent('C')] }]),
        store.append([{ stream: 'c-1', expectedRevision: 0, events: [anEvent('D')] }]),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevision);
      expect((await store.readStream('c-1')).events.map((e) => e.type)).toEqual(['A', 'D']);
      expect((await store.readStream('c-2')).revision).toBe(-1);
      expect((await store.readAll(null, 10)).map((e) => e.type)).toEqual(['A', 'C', 'D']);
    });

    it('reads all streams in global order from an exclusive position, in pages', async () => {
      await store.append([{ stream: 's-1', expectedRevision: 'no_stream', events: [anEvent('A')] }]);
      await store.append([{ stream: 's-2', expectedRevision: 'no_stream', events: [anEvent('B')] }]);
      await store.append([{ stream: 's-1', expectedRevision: 0, events: [anEvent('C')] }]);
      const all = await store.readAll(null, 100);
      expect(all.map((e) => e.type)).toEqual(['A', 'B', 'C']);
      expect((await store.readAll(all[0].position, 100)).map((e) => e.type)).toEqual(['B', 'C']);
      expect((await store.readAll(all[0].position, 1)).map((e) => e.type)).toEqual(['B']);
      expect(await store.readAll(all[2].position, 100)).toEqual([]);
      expect(await store.head()).toBe(all[2].position);
    });

    it('orders by position and revision as numbers, past ten of them (never as text)', async () => {
      for (let i = 0; i < 12; i++) await store.append([{ stream: i % 2 ? 'odd' : 'even', expectedRevision: 'any', events: [anEvent(`T${i}`)] }]);
      await store.append([{ stream: 'long', expectedRevision: 'no_stream', events: Array.from({ length: 12 }, (_, i) => anEvent(`L${i}`)) }]);
      const all = await store.readAll(null, 100);
      expect(all.map((e) => e.type)).toEqual([...Array.from({ length: 12 }, (_, i) => `T${i}`), ...Array.from({ length: 12 }, (_, i) => `L${i}`)]);
      expect((await store.readAll(all[8].position, 3)).map((e) => e.type)).toEqual(['T9', 'T10', 'T11']);
      expect((await store.readStream('long', 8)).events.map((e) => e.revision)).toEqual([8, 9, 10, 11]);
      expect(await store.head()).toBe(all[23].position);
    });

    it('knows the positions it gave out, and no other', async () => {
      await store.append([{ stream: 's-1', expectedRevision: 'no_stream', events: [anEvent('A'), anEvent('B')] }]);
      const all = await store.readAll(null, 100);
      for (const e of all) expect(await store.hasPosition(e.position)).toBe(true);
      const head = (await store.head()) as string;
      for (const other of ['0', '-1', '', 'abc', 'NaN', 'Infinity', ' 1', `${head}0`, `0${all[0].position}`, '1e0', '0x1'])
        expect(await store.hasPosition(other)).toBe(false);
    });

    (eventIdsUniqueAcrossStreams ? it : it.skip)('never gives out one event id twice', async () => {
      const e = anEvent();
      await store.append([{ stream: 's-1', expectedRevision: 'no_stream', events: [e] }]);
      await expect(store.append([{ stream: 's-2', expectedRevision: 'no_stream', events: [e] }])).rejects.toBeInstanceOf(DuplicateEventId);
      expect(await store.readAll(null, 10)).toHaveLength(1);
    });

    it('remembers the answer of an idempotent append and refuses to append under that key again', async () => {
      const idempotency = { scope: 'key-1', key: 'k', requestHash: 'h1', response: (es: readonly RecordedEvent[]) => ({ id: es[0].eventId }) };
      const [first] = await store.append([{ stream: 's-1', expectedRevision: 'no_stream', events: [anEvent()] }], { idempotency });
      const used = await store
        .append([{ stream: 's-9', expectedRevision: 'any', events: [anEvent()] }], { idempotency: { ...idempotency, requestHash: 'h2' } })
        .catch((e) => e);
      expect(used).toBeInstanceOf(IdempotencyKeyUsed);
      expect(used.record).toEqual({ scope: 'key-1', key: 'k', requestHash: 'h1', response: { id: first.eventId } });
      expect(await store.readAll(null, 10)).toHaveLength(1);
      expect(await store.findIdempotency('key-2', 'k')).toBeUndefined();
      expect((await store.findIdempotency('key-1', 'k'))?.response).toEqual({ id: first.eventId });
    });

    it('delivers existing and then new events to a subscriber, in order, from a position', async () => {
      await store.append([{ stream: 's-1', expectedRevision: 'no_stream', events: [anEvent('A'), anEvent('B')] }]);
      const [a] = await store.readAll(null, 1);
      const seen: string[] = [];
      let done!: () => void;
      const finished = new Promise<void>((r) => (done = r));
      const sub = store.subscribe(a.position, (events) => {
        seen.push(...events.map((e) => e.type));
        if (seen.includes('D')) done();
      });
      await store.append([{ stream: 's-2', expectedRevision: 'no_stream', events: [anEvent('C')] }]);
      await store.append([{ stream: 's-2', expectedRevision: 0, events: [anEvent('D')] }]);
      await finished;
      await sub.close();
      expect(seen).toEqual(['B', 'C', 'D']);
    });

    it('holds recordedAt monotonic in position order when the clock goes back (knownAt reads a prefix of the log)', async () => {
      const at = (recordedAt: string) => ({ ...anEvent(), recordedAt });
      // A clock a year ahead, then set back: the later facts must not look recorded earlier.
      const [ahead] = await store.append([{ stream: 's-1', expectedRevision: 'no_stream', events: [at('2030-06-01T00:00:00.000Z')] }]);
      const back = await store.append([
        { stream: 's-2', expectedRevision: 'no_stream', events: [at('2025-01-01T00:00:00.000Z'), at('2024-01-01T00:00:00.000Z')] },
      ]);
      const [later] = await store.append([{ stream: 's-1', expectedRevision: 0, events: [at('2031-01-01T00:00:00.000Z')] }]);
      for (const e of back) expect(ms(e.recordedAt)).toBeGreaterThanOrEqual(ms(ahead.recordedAt));
      expect(ms(later.recordedAt)).toBeGreaterThanOrEqual(ms(back[1].recordedAt));
      const all = await store.readAll(null, 10);
      expect(all.map((e) => e.recordedAt)).toEqual([ahead, ...back, later].map((e) => e.recordedAt));
      all.slice(1).forEach((e, i) => expect(ms(e.recordedAt)).toBeGreaterThanOrEqual(ms(all[i].recordedAt)));
    });

    it('hands a batch whose handler failed again, and goes on after it; the process never sees the failure', async () => {
      await store.append([{ stream: 's-1', expectedRevision: 'no_stream', events: [anEvent('A')] }]);
      const seen: string[] = [];
      let failures = 0;
      let done!: () => void;
      const finished = new Promise<void>((r) => (done = r));
      const sub = store.subscribe(null, (events) => {
        if (failures++ === 0) throw new Error('the handler failed once');
        seen.push(...events.map((e) => e.type));
        if (seen.includes('B')) done();
      });
      await store.append([{ stream: 's-1', expectedRevision: 0, events: [anEvent('B')] }]);
      await finished;
      await sub.close();
      expect(seen.filter((t) => t === 'A')).toEqual(['A']);
      expect(seen).toEqual(['A', 'B']);
    });

    it('keeps acknowledged appends across a restart', async () => {
      await store.append([{ stream: 's-1', expectedRevision: 'no_stream', events: [anEvent('A')] }]);
      await store.close();
      store = await reopen();
      expect((await store.readStream('s-1')).events.map((e) => e.type)).toEqual(['A']);
    });

    it('tells of every append it commits, before the append settles, where it is the one writer of its log', async () => {
      if (!store.watchAppends) return;
      const told: [string, number][] = [];
      const stop = store.watchAppends((stream, revision) => told.push([stream, revision]));
      await store.append([{ stream: 's-1', expectedRevision: 'no_stream', events: [anEvent(), anEvent()] }]);
      const atSettle = await store.append([{ stream: 's-2', expectedRevision: 'any', events: [anEvent()] }]).then(() => [...told]);
      expect(atSettle).toEqual([
        ['s-1', 1],
        ['s-2', 0],
      ]);
      await expect(store.append([{ stream: 's-1', expectedRevision: 0, events: [anEvent()] }])).rejects.toBeInstanceOf(WrongExpectedRevision);
      stop();
      await store.append([{ stream: 's-1', expectedRevision: 1, events: [anEvent()] }]);
      expect(told).toHaveLength(2);
    });

    it('writes several streams all or nothing where it says it can', async () => {
      if (!store.atomicMultiStreamAppend) return;
      await store.append([{ stream: 's-2', expectedRevision: 'no_stream', events: [anEvent()] }]);
      const writes = [
        { stream: 's-1', expectedRevision: 'no_stream' as const, events: [anEvent()] },
        { stream: 's-2', expectedRevision: 'no_stream' as const, events: [anEvent()] },
      ];
      await expect(store.append(writes)).rejects.toBeInstanceOf(WrongExpectedRevision);
      expect(await store.readStream('s-1')).toEqual({ revision: -1, events: [] });
    });
  });
