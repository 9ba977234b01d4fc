import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLOUDEVENTS_SOURCE } from '../src/publishing/domain/integration-event';
import type { MessagePublisher, OutgoingMessage } from '../src/publishing/message-publisher.port';
import { Relay } from '../src/publishing/relay';
import { RelayCheckpoint } from '../src/publishing/relay-checkpoint';
import { type LedgerApp, consentBody, enrolBody, startLedger } from './support/ledger-app';

/** What the relay hands the broker, caught at its port: the messages the Kafka topic carries. */
class CapturingPublisher implements MessagePublisher {
  readonly messages: OutgoingMessage[] = [];
  async connect() {}
  async disconnect() {}
  async publish(messages: readonly OutgoingMessage[]) {
    this.messages.push(...messages);
  }
}

/** Runs the relay from the start of the store to its head, as a fresh consumer group would see it. */
const relayed = async (ledger: LedgerApp): Promise<OutgoingMessage[]> => {
  const publisher = new CapturingPublisher();
  const checkpoint = new RelayCheckpoint(join(mkdtempSync(join(tmpdir(), 'relay-')), 'relay.db'));
  const relay = new Relay(ledger.store, publisher, checkpoint, { topic: 't', source: CLOUDEVENTS_SOURCE });
  await relay.wake();
  await relay.stop();
  checkpoint.close();
  return publisher.messages;
};

let ledger: LedgerApp;
const registrar = () => ledger.as('registrar');
const feed = async (query = 'limit=1000') => (await ledger.as('system').get(`/events?${query}`).expect(200)).body;
const REASON = 'we willen het liever niet';

beforeAll(async () => {
  ledger = await startLedger();
  ledger.clock.current = '2025-10-01T10:00:00.000Z';
  await registrar()
    .post('/pupils', enrolBody('e-1', { personal: { name: 'Noor Bakker', birthDate: '2018-02-02' } }))
    .expect(201);
  await registrar()
    .post('/pupils/e-1/consents', consentBody('e-1', 'share-library', { givenAt: '2025-09-15T09:00:00' }))
    .expect(201);
  await registrar()
    .post('/recipients', { recipientId: 'lib', name: 'Openbare Bibliotheek Zuid', kind: 'third_party', purpose: 'share-library', dataCategories: ['identity'] })
    .expect(201);
  await registrar()
    .post('/data-sharings', { recipientId: 'lib', pupilIds: ['e-1'], dataCategories: ['identity'], legalBasis: 'consent', sharedAt: '2025-09-20T09:00:00' })
    .expect(201);
  await registrar()
    .post('/pupils/e-1/consents/share-library/withdrawal', { guardianId: 'e-1-mum', withdrawnAt: '2025-09-25T09:00:00', reason: REASON })
    .expect(201);
  await registrar().post('/pupils/e-1/consents/share-library/refusal', { guardianId: 'e-1-dad', refusedAt: '2025-09-10T09:00:00' }).expect(201);
});
afterAll(() => ledger.close());

describe('GET /events serves exactly what the Kafka topic carries', () => {
  it('each item is the CloudEvent of one relayed message: its headers as attributes, its body as data', async () => {
    const messages = await relayed(ledger);
    const { events } = await feed();
    expect(events).toHaveLength(messages.length);
    events.forEach((item: Record<string, unknown>, i: number) => {
      const { 'content-type': contentType, ...headers } = messages[i].headers;
      const { data, datacontenttype, ...attributes } = item;
      expect({ ...attributes }).toEqual(Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.replace(/^ce_/, ''), v])));
      expect([datacontenttype, data]).toEqual([contentType, JSON.parse(messages[i].value)]);
    });
    expect(events.map((e: { type: string }) => e.type)).toEqual([
      'nl.consent-ledger.pupil.enrolled.v1',
      'nl.consent-ledger.consent.given.v1',
      'nl.consent-ledger.recipient.registered.v1',
      'nl.consent-ledger.data.shared.v1',
      'nl.consent-ledger.consent.withdrawn.v1',
      'nl.consent-ledger.consent.refused.v1',
    ]);
  });

  it('holds no guardian id, recipient name, free text, personal field or internal event type', async () => {
    const text = JSON.stringify(await feed());
    for (const secret of [
      'e-1-mum',
      'e-1-dad',
      'guardianId',
      'Openbare Bibliotheek',
      REASON,
      'Noor Bakker',
      '2018-02-02',
      '"ct"',
      'ConsentGiven',
      'DataShared',
      'PupilEnrolled',
    ])
      expect(text).not.toContain(secret);
  });

  it('gives each consent change the status as known when it was recorded, the same on every redelivery', async () => {
    const statuses = (messages: OutgoingMessage[]) =>
      messages
        .map((m) => JSON.parse(m.value))
        .filter((v) => v.type.startsWith('consent.'))
        .map((v) => [v.type, v.consentStatus]);
    const first = await relayed(ledger);
    // The refusal dated 10 September, typed in last, makes the purpose conflicting from 15 September on
    // as known now; what was published before it does not change.
    expect(statuses(first)).toEqual([
      ['consent.given', 'active'],
      ['consent.withdrawn', 'withdrawn'],
      ['consent.refused', 'withdrawn'],
    ]);
    ledger.clock.current = '2025-10-02T10:00:00.000Z';
    await registrar()
      .post('/pupils/e-1/consents', consentBody('e-1', 'share-library', { givenAt: '2025-09-01T09:00:00', guardianId: 'e-1-dad', channel: 'app' }))
      .expect(201);
    expect(statuses(await relayed(ledger)).slice(0, 3)).toEqual(statuses(first));
  });
});

describe('the feed validates its cursor', () => {
  it('pages from 0 or from a position it gave out', async () => {
    const all = (await feed()).events;
    const page = await feed('after=0&limit=2');
    expect(page.events).toEqual(all.slice(0, 2));
    expect((await feed(`after=${page.next}&limit=1000`)).events).toEqual(all.slice(2));
    const head = (await ledger.store.head()) as string;
    expect(await feed(`after=${head}`)).toEqual({ events: [], next: head });
  });

  it.each(['abc', 'NaN', 'Infinity', '-5', '0x0', '00', '1e0', '-0', '%201'])('refuses after=%s with 400 naming after', async (after) => {
    const res = await ledger.as('system').get(`/events?after=${after}`).expect(400);
    expect(res.body).toMatchObject({ error: 'VALIDATION.INVALID', details: [expect.objectContaining({ field: 'after' })] });
  });

  it('refuses a position past the head', async () => {
    const head = Number(await ledger.store.head());
    for (const after of [head + 1, head + 1000]) await ledger.as('system').get(`/events?after=${after}`).expect(400);
  });
});
