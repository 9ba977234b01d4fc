import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LEDGER_PROJECTIONS } from './ledger-projections';
import type { RecordedEvent } from '../ledger/domain/recorded-event';
import { MUM, enrolled, given } from '../pupils/domain/pupil-fixtures';
import type { OutgoingMessage } from '../publishing/message-publisher.port';
import { Relay } from '../publishing/relay';
import { RelayCheckpoint } from '../publishing/relay-checkpoint';
import { SqliteEventStore } from '../store/sqlite-event-store';
import { DocStore } from './doc-store';
import { ProjectionRunner } from './projection-runner';

/** The embedded store, counting every event it hands out, however it is asked (its subscriptions read through these too). */
class CountingStore extends SqliteEventStore {
  readonly read: string[] = [];
  readonly streamsRead: string[] = [];
  override async readAll(after: string | null, limit: number): Promise<readonly RecordedEvent[]> {
    const events = await super.readAll(after, limit);
    this.read.push(...events.map((e) => e.eventId));
    return events;
  }
  override async readStream(stream: string, fromRevision?: number) {
    this.streamsRead.push(stream);
    const r = await super.readStream(stream, fromRevision);
    this.read.push(...r.events.map((e) => e.eventId));
    return r;
  }
}

const metadata = {
  schemaVersion: 1,
  actor: { id: 'a', role: 'registrar' },
  schoolId: 's-1',
  correlationId: 'c',
  causationId: null,
  idempotencyKeySha256: null,
};

describe('consumers fed by their batch', () => {
  it('reads one append of N events once per consumer: the projections and the relay, with the consent status from its own fold', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-batch-'));
    const store = new CountingStore(join(dir, 'events.db'), { warn: () => undefined });
    const docs = new DocStore(join(dir, 'read-models.db'));
    const runner = new ProjectionRunner(store, docs, LEDGER_PROJECTIONS);
    const published: OutgoingMessage[] = [];
    const checkpoint = new RelayCheckpoint(join(dir, 'relay.db'));
    const relay = new Relay(
      store,
      { connect: async () => undefined, disconnect: async () => undefined, publish: async (m) => void published.push(...m) },
      checkpoint,
      {
        topic: 't',
        source: '/consent-ledger',
      },
    );
    await runner.onModuleInit();
    await relay.start();

    const events = [enrolled, given(MUM, '2024-09-01T08:00:00.000Z'), given('p-1-dad', '2024-09-02T08:00:00.000Z')];
    const appended = await store.append([
      { stream: 'pupil-p-1', expectedRevision: 'no_stream', events: events.map((e, i) => ({ ...e, eventId: `e-${i}`, recordedAt: e.occurredAt, metadata })) },
    ]);
    await runner.sync();
    while (checkpoint.get('t') !== appended[2].position) await new Promise((r) => setTimeout(r, 10));

    // Each event twice in all: once by the runner's subscription, once by the relay's; no stream read.
    expect([...store.read].sort()).toEqual(['e-0', 'e-0', 'e-1', 'e-1', 'e-2', 'e-2']);
    expect(store.streamsRead).toEqual([]);
    expect(published.map((m) => JSON.parse(m.value).consentStatus ?? null)).toEqual([null, 'active', 'active']);
    expect(docs.get('pupils', 'p-1')).toMatchObject({ pupilId: 'p-1' });

    await relay.stop();
    await runner.onApplicationShutdown();
    checkpoint.close();
    await store.close();
    await docs.close();
  });
});
