import { DeadlineExceededError, type EventData } from '@eventstore/db-client';
import { verifyLog } from '../../audit/verify-log';
import { DomainError } from '../../ledger/domain/errors';
import { WrongExpectedRevision } from '../../core/ports/event-store.port';
import { anEvent, describeEventStoreConformance } from '../testing/event-store.conformance';
import { EventStoreDbEventStore, type EventStoreDbOptions } from './esdb-event-store';
import { collect } from './esdb-faults';
import { esdbEventId, fromEsdb, parsePosition } from './esdb-mapping';
import { MultiStreamAppendIncomplete } from './esdb-multi-stream';
import { FakeEsdbClient } from './testing/fake-esdb-client';

const storeOn = (client: FakeEsdbClient, o: Partial<EventStoreDbOptions> = {}) =>
  new EventStoreDbEventStore({ client, probeMs: 0, warn: () => undefined, ...o });

describeEventStoreConformance(
  'EventStoreDB adapter on an in-memory client',
  async () => {
    const client = new FakeEsdbClient();
    return { store: storeOn(client), reopen: async () => storeOn(client) };
  },
  { eventIdsUniqueAcrossStreams: false },
);

describe('EventStoreDB adapter', () => {
  let client: FakeEsdbClient;
  let store: EventStoreDbEventStore;
  beforeEach(() => {
    client = new FakeEsdbClient();
    store = storeOn(client, { deadlineMs: 300 });
  });
  afterEach(() => store.close());

  it('writes the ledger envelope and chain as metadata and gives positions as commit:prepare', async () => {
    const e = anEvent('ConsentGiven', { purpose: 'photo-website' });
    const [written] = await store.append([{ stream: 'pupil-1', expectedRevision: 'no_stream', events: [e] }]);
    const [stored] = await collect(client.readStream('pupil-1', {}));
    expect(stored.event?.data).toEqual({ purpose: 'photo-website' });
    expect(stored.event?.metadata).toEqual({
      ledger: e.metadata,
      eventId: e.eventId,
      occurredAt: e.occurredAt,
      recordedAt: written.recordedAt,
      prevHash: '0'.repeat(64),
      hash: written.hash,
    });
    expect(stored.event?.id).toBe(esdbEventId(e, { write: 0, index: 0 }));
    expect(written.position).toBe(`${stored.event?.position?.commit}:${stored.event?.position?.prepare}`);
    expect(parsePosition(written.position)).toEqual(stored.event?.position);
    for (const other of ['1', '1:', ':1', '01:1', '1:2:3', '-1:0', ' 1:1', '1e3:0']) expect(parsePosition(other)).toBeNull();
  });

  it('never gives out system events or idempotency records as ledger events', async () => {
    const idempotency = { scope: 'k', key: 'h', requestHash: 'r', response: () => ({}) };
    await store.append([{ stream: 's', expectedRevision: 'no_stream', events: [anEvent('A')] }], { idempotency });
    client.systemEvent();
    await store.append([{ stream: 's', expectedRevision: 0, events: [anEvent('B')] }]);
    client.systemEvent();
    const all = await store.readAll(null, 10);
    expect(all.map((e) => e.type)).toEqual(['A', 'B']);
    expect(await store.head()).toBe(all[1].position);
    expect(await store.readAll(all[0].position, 1)).toEqual([all[1]]);
    const seen: string[] = [];
    const sub = store.subscribe(null, (events) => void seen.push(...events.map((e) => e.type)));
    while (seen.length < 2) await new Promise((r) => setTimeout(r, 5));
    await sub.close();
    expect(seen).toEqual(['A', 'B']);
  });

  it('keeps the hash chain an auditor verifies with the same code as the embedded log', async () => {
    await store.append([
      { stream: 'pupil-1', expectedRevision: 'no_stream', events: [anEvent('PupilEnrolled', { name: 'é \u2028 "q"' }), anEvent('ConsentGiven')] },
    ]);
    await store.append([{ stream: 'pupil-1', expectedRevision: 1, events: [anEvent('ConsentWithdrawn', { n: -0, big: 1e21 })] }]);
    const raw = (await collect(client.readAll({}))).flatMap((r) => fromEsdb(r)?.raw ?? []);
    expect(raw).toHaveLength(3);
    expect(verifyLog({ rawEvents: () => raw, checkpoints: () => [] }, null)).toMatchObject({ ok: true, problems: [] });
  });

  it('names the revision the stream is at when a write expected another', async () => {
    await store.append([{ stream: 's', expectedRevision: 'no_stream', events: [anEvent(), anEvent()] }]);
    const refused = await store.append([{ stream: 's', expectedRevision: 'no_stream', events: [anEvent()] }]).catch((e) => e);
    expect(refused).toBeInstanceOf(WrongExpectedRevision);
    expect([refused.expected, refused.actual]).toEqual(['no_stream', 1]);
    // Another instance wrote meanwhile: the cluster refuses what this one's stale head allowed.
    const other = storeOn(client);
    await other.append([{ stream: 's', expectedRevision: 1, events: [anEvent()] }]);
    await expect(store.append([{ stream: 's', expectedRevision: 1, events: [anEvent()] }])).rejects.toMatchObject({ name: 'WrongExpectedRevision', actual: 2 });
    await other.close();
  });

  it('sends a write whose answer was lost once more, and the cluster keeps it once', async () => {
    const real = client.appendToStream.bind(client);
    let lost = false;
    jest.spyOn(client, 'appendToStream').mockImplementation(async (stream: string, events: EventData[], o) => {
      const result = await real(stream, events, o);
      if (lost) return result;
      lost = true;
      throw new DeadlineExceededError();
    });
    const idempotency = { scope: 'k', key: 'h', requestHash: 'r', response: () => ({ ok: true }) };
    const written = await store.append([{ stream: 's', expectedRevision: 'no_stream', events: [anEvent('A'), anEvent('B')] }], { idempotency });
    expect(written.map((e) => e.revision)).toEqual([0, 1]);
    expect((await store.readStream('s')).events.map((e) => e.type)).toEqual(['A', 'B']);
    expect(await store.findIdempotency('k', 'h')).toMatchObject({ requestHash: 'r', response: { ok: true } });
  });

  it('derives the ids of an idempotent append from the key, so a repeat is the same write', () => {
    const key = { scope: 'api-key-1', key: 'sha' };
    const [a, b] = [anEvent(), anEvent()];
    expect(esdbEventId(a, { write: 0, index: 1 }, key)).toBe(esdbEventId(b, { write: 0, index: 1 }, key));
    expect(
      new Set([
        esdbEventId(a, { write: 0, index: 0 }, key),
        esdbEventId(a, { write: 0, index: 1 }, key),
        esdbEventId(a, { write: 1, index: 0 }, key),
        esdbEventId(a, { write: 0, index: 0 }, { ...key, scope: 'api-key-2' }),
      ]).size,
    ).toBe(4);
    expect(esdbEventId(a, { write: 0, index: 0 })).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('says which streams of a write of several were written when it stops part way', async () => {
    await store.append([{ stream: 'b', expectedRevision: 'no_stream', events: [anEvent()] }]);
    const stopped = await store
      .append([
        { stream: 'a', expectedRevision: 'no_stream', events: [anEvent('A')] },
        { stream: 'b', expectedRevision: 'no_stream', events: [anEvent('B')] },
      ])
      .catch((e) => e);
    expect(stopped).toBeInstanceOf(MultiStreamAppendIncomplete);
    expect([stopped.failedStream, stopped.written.map((e: { type: string }) => e.type)]).toEqual(['b', ['A']]);
    expect(stopped.cause).toBeInstanceOf(WrongExpectedRevision);
  });

  it('answers 503 while the cluster is unavailable or silent, every call under its deadline, and recovers', async () => {
    for (const fault of ['unavailable', 'silent'] as const) {
      client.fault = fault;
      const refused = await store.append([{ stream: 's', expectedRevision: 'no_stream', events: [anEvent()] }]).catch((e) => e);
      expect(refused).toBeInstanceOf(DomainError);
      expect(refused.code).toBe('STORE.UNAVAILABLE');
      expect(store.condition()).toMatchObject({ status: 'unwritable', reason: expect.stringMatching(/EventStoreDB/) });
      await expect(store.readAll(null, 10)).rejects.toMatchObject({ code: 'STORE.UNAVAILABLE' });
      client.fault = null;
      await store.head();
      expect(store.condition()).toEqual({ status: 'ok' });
    }
    expect(client.calls.length).toBeGreaterThan(0);
    expect(client.calls.filter((c) => c.method !== 'subscribeToAll').every((c) => c.deadline === 300)).toBe(true);
  });
});
