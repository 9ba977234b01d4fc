import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { RelayCheckpoint } from '../../src/publishing/relay-checkpoint';
import { type LedgerApp, consentBody, enrolBody, startLedger } from '../support/ledger-app';
import { TopicReader, brokers, createTopic, kafkaSkipped } from './topic-reader';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const broker = require('../../scripts/kafka') as { start(env: object): Promise<void>; stop(env: object): Promise<void> };

const describeKafka = kafkaSkipped() ? describe.skip : describe;
jest.setTimeout(120_000);

const NAME = 'Jasmijn van den Berg';
const REASON = 'wij willen dit niet meer';

/** Every event of the store, and the messages read, matched up by event id. */
const allEvents = async (ledger: LedgerApp) => ledger.store.readAll(null, 10_000);
const idsOf = (messages: readonly { headers: Record<string, string> }[]) => messages.map((m) => m.headers.ce_id);

/** A school day: enrolments, consents, a refusal, a withdrawal with a reason, a sharing, a destruction. */
const schoolDay = async (ledger: LedgerApp, prefix: string) => {
  const registrar = () => ledger.as('registrar');
  await registrar()
    .post('/recipients', { recipientId: `${prefix}-lib`, name: 'Bibliotheek', kind: 'third_party', purpose: 'share-library', dataCategories: ['identity'] })
    .expect(201);
  for (const n of [1, 2, 3]) {
    const id = `${prefix}-${n}`;
    await registrar()
      .post('/pupils', enrolBody(id, { personal: { name: NAME, birthDate: '2018-01-01' } }))
      .expect(201);
    await registrar().post(`/pupils/${id}/consents`, consentBody(id, 'photo-website')).expect(201);
    await registrar().post(`/pupils/${id}/consents`, consentBody(id, 'share-library')).expect(201);
  }
  await registrar()
    .post(`/pupils/${prefix}-1/consents/photo-website/refusal`, { guardianId: `${prefix}-1-dad` })
    .expect(201);
  await registrar()
    .post(`/pupils/${prefix}-2/consents/photo-website/withdrawal`, { guardianId: `${prefix}-2-mum`, reason: REASON })
    .expect(201);
  await registrar()
    .post('/data-sharings', { recipientId: `${prefix}-lib`, pupilIds: [`${prefix}-1`, `${prefix}-3`], dataCategories: ['identity'], legalBasis: 'consent' })
    .expect(201);
  await registrar().post(`/pupils/${prefix}-3/dossier-destruction`, { reason: 'erasure_request' }).expect(201);
};

describeKafka('the Kafka relay, against a real broker', () => {
  let ledger: LedgerApp;
  let topic: string;
  let reader: TopicReader;

  beforeEach(async () => {
    topic = `consent.events.test-${randomUUID()}`;
    await createTopic(topic);
    reader = await TopicReader.open(topic);
  });
  afterEach(async () => {
    await reader.close();
    await ledger?.close();
  });

  it('delivers every event once, in order per pupil, as CloudEvents without personal data', async () => {
    ledger = await startLedger(undefined, undefined, { brokers: brokers(), topic, clientId: 'test-ledger' });
    await schoolDay(ledger, 'p');
    const events = await allEvents(ledger);
    await reader.waitFor((m) => new Set(idsOf(m)).size >= events.length);
    await new Promise((r) => setTimeout(r, 500));

    expect(idsOf(reader.messages).sort()).toEqual(events.map((e) => e.eventId).sort());
    const byId = new Map(events.map((e) => [e.eventId, e]));
    for (const m of reader.messages) {
      const e = byId.get(m.headers.ce_id)!;
      const subject = (e.data as { pupilId?: string; recipientId?: string }).pupilId ?? (e.data as { recipientId: string }).recipientId;
      expect(m.headers).toMatchObject({
        ce_specversion: '1.0',
        ce_id: e.eventId,
        ce_type: expect.stringMatching(/^nl\.consent-ledger\.[a-z]+\.[a-z]+\.v1$/),
        ce_source: expect.stringMatching(/^\/consent-ledger\/(schools\/s-1|board)$/),
        ce_time: e.occurredAt,
        ce_subject: subject,
        'content-type': 'application/json',
      });
      expect(m.key).toBe(subject);
    }
    // One pupil's events sit in one partition, in the order of the pupil's stream.
    for (const id of ['p-1', 'p-2', 'p-3']) {
      const mine = reader.messages.filter((m) => m.key === id);
      expect(new Set(mine.map((m) => m.partition)).size).toBe(1);
      const inOrder = [...mine].sort((a, b) => a.offset - b.offset).map((m) => m.headers.ce_id);
      expect(inOrder).toEqual((await ledger.stream(id)).map((e) => e.eventId));
    }
    // Downstream hears the status a consent change leaves behind.
    const withdrawal = reader.messages.map((m) => JSON.parse(m.value)).find((v) => v.type === 'consent.withdrawn');
    expect(withdrawal).toMatchObject({ pupilId: 'p-2', purpose: 'photo-website', consentStatus: 'withdrawn' });
    // No personal data: not the name, not the free text, no encrypted field, no guardian id.
    // Guardian ids are matched whole: a bare '-dad' also occurs in random event ids.
    const raw = reader.messages.map((m) => m.value + JSON.stringify(m.headers)).join('\n');
    const guardianIds = ['p-1', 'p-2', 'p-3'].flatMap((p) => enrolBody(p).guardians.map((g) => g.guardianId));
    for (const secret of [NAME, '2018-01-01', REASON, '"ct"', 'personal', 'guardianId', ...guardianIds]) expect(raw).not.toContain(secret);
  });

  const ownBroker = process.env.KAFKA_TEST_ENV ? JSON.parse(process.env.KAFKA_TEST_ENV) : null;
  (ownBroker ? it : it.skip)('loses nothing when the broker is down for 10 s mid-stream', async () => {
    ledger = await startLedger(undefined, undefined, { brokers: brokers(), topic, clientId: 'test-ledger' });
    await schoolDay(ledger, 'before');
    await reader.waitFor((m) => m.length > 0);
    await reader.close();
    await broker.stop({ ...process.env, ...ownBroker });
    // The ledger does not depend on the broker: commands go on while it is away.
    await schoolDay(ledger, 'during');
    await new Promise((r) => setTimeout(r, 10_000));
    await broker.start({ ...process.env, ...ownBroker });
    await schoolDay(ledger, 'after');
    const events = await allEvents(ledger);
    reader = await TopicReader.open(topic);
    await reader.waitFor((m) => events.every((e) => idsOf(m).includes(e.eventId)), 90_000);
    expect(new Set(idsOf(reader.messages))).toEqual(new Set(events.map((e) => e.eventId)));
  });

  it('resumes from its checkpoint after the relay is killed, repeating only what was not yet checkpointed', async () => {
    ledger = await startLedger();
    const relay = () =>
      spawn(
        process.execPath,
        [
          join(__dirname, '..', '..', 'dist', 'src', 'cli', 'ledger.js'),
          '--data-dir',
          ledger.dataDir,
          'relay',
          '--brokers',
          brokers().join(','),
          '--topic',
          topic,
        ],
        {
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
    let child: ChildProcess = relay();
    await schoolDay(ledger, 'k1');
    await reader.waitFor((m) => m.length >= 5);
    // Keep writing while the relay works, then kill it without warning.
    const writing = schoolDay(ledger, 'k2');
    await new Promise((r) => setTimeout(r, 150));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    await writing;
    const checkpoint = new RelayCheckpoint(join(ledger.dataDir, 'relay.db'));
    const atKill = Number(checkpoint.get(topic) ?? 0);
    checkpoint.close();
    await schoolDay(ledger, 'k3');

    child = relay();
    const events = await allEvents(ledger);
    await reader.waitFor((m) => events.every((e) => idsOf(m).includes(e.eventId)), 60_000);
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));

    const positions = new Map(events.map((e) => [e.eventId, Number(e.position)]));
    const seen = new Map<string, number>();
    for (const id of idsOf(reader.messages)) seen.set(id, (seen.get(id) ?? 0) + 1);
    const repeated = [...seen].filter(([, n]) => n > 1).map(([id]) => positions.get(id)!);
    expect(repeated.every((p) => p > atKill)).toBe(true);
    expect(new Set(seen.keys())).toEqual(new Set(events.map((e) => e.eventId)));
  });
});
