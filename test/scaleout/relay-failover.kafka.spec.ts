import { join } from 'node:path';
import { Client } from 'pg';
import { randomUUID } from 'node:crypto';
import { describePostgres } from '../../src/store/postgres/testing/postgres-test-database';
import { TopicReader, brokers, createTopic, kafkaSkipped } from '../kafka/topic-reader';
import { consentBody, enrolBody } from '../support/ledger-app';
import { type Answer, Instance, eventually } from './instances';

const skip = kafkaSkipped();
jest.setTimeout(180_000);

/** The Kafka suite's global setup builds the ledger into dist/. */
const DIST_MAIN = join(__dirname, '..', '..', 'dist', 'src', 'main.js');

const body = (r: Answer) => {
  expect(r.status).toBe(201);
  return r.body.eventId as string;
};

if (!skip)
  describePostgres('the Kafka relay of two instances on one PostgreSQL database', (db) => {
    let a: Instance;
    let b: Instance;
    let reader: TopicReader;
    const schema = db.freshSchema();
    const topic = `ledger-scaleout-${randomUUID()}`;
    const sql = async <T extends object>(text: string): Promise<T[]> => {
      const c = new Client({ connectionString: db.url });
      await c.connect();
      try {
        return (await c.query<T>(text)).rows;
      } finally {
        await c.end();
      }
    };
    const kafkaOf = async (via: Instance) => ((await via.get('director', '/health')).body.checks as { kafka: { status: string } }).kafka.status;
    const day = async (prefix: string, via: readonly Instance[]): Promise<string[]> => {
      const ids: string[] = [];
      for (const [i, p] of ['1', '2', '3'].entries()) {
        const pupilId = `${prefix}-${p}`;
        const on = via[i % via.length];
        ids.push(body(await on.post('registrar', '/pupils', enrolBody(pupilId))));
        ids.push(body(await via[(i + 1) % via.length].post('registrar', `/pupils/${pupilId}/consents`, consentBody(pupilId, 'photo-website'))));
      }
      return ids;
    };
    const published = () => reader.messages.map((m) => m.headers.ce_id);

    beforeAll(async () => {
      await createTopic(topic);
      reader = await TopicReader.open(topic);
      const env = { KAFKA_BROKERS: brokers().join(','), KAFKA_TOPIC: topic };
      // A first: it takes the relay's lease; B waits for it.
      a = await Instance.start('a', db.url, schema, env, DIST_MAIN);
      await eventually('A relaying', async () => (await kafkaOf(a)) === 'ok');
      b = await Instance.start('b', db.url, schema, env, DIST_MAIN);
    });
    afterAll(async () => {
      await Promise.all([a?.stop(), b?.stop()]);
      await reader?.close();
    });

    it('publishes what both instances record once, from the one relay that holds the lease', async () => {
      expect(await kafkaOf(b)).toBe('standby');
      const acked = await day('x', [a, b]);
      await reader.waitFor(() => acked.every((id) => published().includes(id)));
      expect(new Set(published()).size).toBe(published().length);
    });

    it('goes on from the shared checkpoint on the other instance when the holder is killed, losing nothing', async () => {
      // Everything published and its checkpoint written: what follows is the takeover alone.
      await eventually('the relay checkpoint at the head', async () => {
        const [row] = await sql<{ at: boolean }>(
          `SELECT (SELECT position FROM ${schema}.relay_checkpoints) = (SELECT max(position)::text FROM ${schema}.events) AS at`,
        );
        return row.at === true;
      });
      const exit = await a.stop('SIGKILL');
      expect(exit.signal).toBe('SIGKILL');
      const acked = await day('y', [b]);
      await reader.waitFor(() => acked.every((id) => published().includes(id)));
      expect(await kafkaOf(b)).toBe('ok');
      // Every event of the log is on the topic once: none lost across the failover, none repeated.
      const events = await sql<{ event_id: string; type: string }>(`SELECT event_id, type FROM ${schema}.events ORDER BY position`);
      expect(new Set(published()).size).toBe(published().length);
      for (const e of events.filter((e) => e.type !== 'PersonalDataRead')) expect(published()).toContain(e.event_id);
    });
  });
