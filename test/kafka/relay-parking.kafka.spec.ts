import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { anEvent } from '../../src/store/testing/event-store.conformance';
import { KafkaJsPublisher } from '../../src/publishing/kafkajs-publisher';
import { Relay } from '../../src/publishing/relay';
import { RelayCheckpoint } from '../../src/publishing/relay-checkpoint';
import { toIntegrationEvent } from '../../src/publishing/domain/integration-event';
import { SqliteEventStore } from '../../src/store/sqlite-event-store';
import { type LedgerApp, enrolBody, startLedger } from '../support/ledger-app';
import { TopicReader, brokers, createTopic, kafkaSkipped } from './topic-reader';

const describeKafka = kafkaSkipped() ? describe.skip : describe;
jest.setTimeout(120_000);

/** An event type no release maps yet (say, one a newer ledger wrote to a shared log). */
const unmappable = () => ({ ...anEvent('SchoolsMerged', { pupilId: 'p-x' }), metadata: { ...anEvent().metadata, schoolId: 's-1' } });
const idsOf = (messages: readonly { headers: Record<string, string> }[]) => messages.map((m) => m.headers.ce_id);

describeKafka('the relay and an event it cannot map, against a real broker', () => {
  let topic: string;
  let reader: TopicReader;
  beforeEach(async () => {
    topic = `consent.events.test-${randomUUID()}`;
    await createTopic(topic);
    reader = await TopicReader.open(topic);
  });
  afterEach(() => reader.close());

  it('parks it with its position and goes on, and publishes it at a restart whose release maps it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-parking-'));
    const store = new SqliteEventStore(join(dir, 'events.db'), { warn: () => undefined });
    const checkpoint = new RelayCheckpoint(join(dir, 'relay.db'));
    const said: string[] = [];
    const relayWith = (mapping?: typeof toIntegrationEvent) =>
      new Relay(store, new KafkaJsPublisher({ brokers: brokers(), topic, clientId: 'test-parking' }), checkpoint, {
        topic,
        source: '/consent-ledger',
        log: (l) => said.push(l),
        mapping,
      });
    const first = relayWith();
    await first.start();
    const before = {
      ...anEvent('RecipientRegistered', {
        recipientId: 'r-1',
        name: 'Bibliotheek',
        kind: 'third_party',
        purpose: 'share-library',
        dataCategories: ['identity'],
      }),
    };
    const odd = unmappable();
    const after = { ...anEvent('ProcessorAgreementEnded', { recipientId: 'r-1', agreementId: 'a-1', endedAt: '2025-01-01T00:00:00.000Z' }) };
    await store.append([{ stream: 'recipient-r-1', expectedRevision: 'no_stream', events: [before] }]);
    const [parkedAt] = await store.append([{ stream: 'merges', expectedRevision: 'no_stream', events: [odd] }]);
    const [last] = await store.append([{ stream: 'recipient-r-1', expectedRevision: 0, events: [after] }]);

    await reader.waitFor((m) => idsOf(m).includes(after.eventId));
    while (checkpoint.get(topic) !== last.position) await new Promise((r) => setTimeout(r, 20));
    expect(idsOf(reader.messages)).toEqual([before.eventId, after.eventId]);
    expect(first.parked()).toEqual([
      {
        position: parkedAt.position,
        eventId: odd.eventId,
        stream: 'merges',
        revision: 0,
        type: 'SchoolsMerged',
        reason: 'no integration event for SchoolsMerged',
      },
    ]);
    expect(said.some((l) => l.includes(`parked event ${odd.eventId} at position ${parkedAt.position}`))).toBe(true);
    await first.stop();

    // A release that maps it: published at start, and no longer parked; the checkpoint stays where it was.
    const mapping: typeof toIntegrationEvent = (e, status) =>
      // The mapping a later release might bring; any integration event will do for the test.
      e.type === 'SchoolsMerged'
        ? toIntegrationEvent({ ...e, type: 'PupilLeft', data: { pupilId: 'p-x', leftOn: '2025-01-01' } })
        : toIntegrationEvent(e, status);
    const second = relayWith(mapping);
    await second.start();
    await reader.waitFor((m) => idsOf(m).includes(odd.eventId));
    while (second.parked().length > 0) await new Promise((r) => setTimeout(r, 20));
    expect(idsOf(reader.messages)).toEqual([before.eventId, after.eventId, odd.eventId]);
    expect(checkpoint.get(topic)).toBe(last.position);
    await second.stop();
    checkpoint.close();
    await store.close();
  });

  it('neither stops the relay nor the server: /health says degraded (200) and later events are published', async () => {
    let ledger: LedgerApp | undefined;
    try {
      ledger = await startLedger(undefined, undefined, { brokers: brokers(), topic, clientId: 'test-ledger' });
      const odd = unmappable();
      await ledger.store.append([{ stream: 'merges', expectedRevision: 'no_stream', events: [odd] }]);
      const enrolment = await ledger.as('registrar').post('/pupils', enrolBody('p-after')).expect(201);
      await reader.waitFor((m) => idsOf(m).includes(enrolment.body.eventId));
      const health = await request(ledger.app.getHttpServer()).get('/health').expect(200);
      expect(health.body.status).toBe('degraded');
      expect(health.body.checks.kafka).toEqual({ status: 'parked', reason: expect.stringContaining('1 event of a type this release cannot publish') });
      expect(idsOf(reader.messages)).not.toContain(odd.eventId);
      await ledger.as('registrar').post('/pupils', enrolBody('p-later')).expect(201);
    } finally {
      await ledger?.close();
    }
  });
});
