import { DomainError } from '../../ledger/domain/errors';
import { FaultProxy } from '../testing/fault-proxy';
import { anEvent } from '../testing/event-store.conformance';
import { connectEventStoreDb } from './esdb-client';
import { EventStoreDbEventStore } from './esdb-event-store';

describe('EventStoreDB adapter against a peer that accepts connections and never answers', () => {
  it('gives up every call at its deadline with 503, through the real client', async () => {
    const peer = await FaultProxy.start();
    const store = new EventStoreDbEventStore({
      client: connectEventStoreDb(`esdb://127.0.0.1:${peer.port}?tls=false`, 500),
      deadlineMs: 500,
      probeMs: 0,
      warn: () => undefined,
    });
    const calls = [
      store.append([{ stream: 's', expectedRevision: 'no_stream', events: [anEvent()] }]),
      store.readStream('s'),
      store.readAll(null, 10),
      store.findIdempotency('k', 'h'),
      store.head(),
    ];
    for (const outcome of await Promise.allSettled(calls)) {
      expect(outcome.status).toBe('rejected');
      const reason = (outcome as PromiseRejectedResult).reason;
      expect(reason).toBeInstanceOf(DomainError);
      expect(reason.code).toBe('STORE.UNAVAILABLE');
    }
    expect(store.condition()).toMatchObject({ status: 'unwritable' });
    await store.close();
    await peer.close();
  }, 20_000);
});
