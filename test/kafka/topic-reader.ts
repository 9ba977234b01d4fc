import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { randomUUID } from 'node:crypto';

export interface ReadMessage {
  readonly key: string;
  readonly value: string;
  readonly headers: Record<string, string>;
  readonly partition: number;
  readonly offset: number;
}

/**
 * Whether the Kafka project's global setup could start no broker (never under CI=true, where it
 * fails instead). When so, the suite says why in one skipped test of its own.
 */
export const kafkaSkipped = (): boolean => {
  const why = process.env.KAFKA_TEST_SKIP;
  if (why) test.skip(`Kafka tests SKIPPED, no broker: ${why.split('\n')[0]}`, () => undefined);
  return Boolean(why);
};

export const brokers = () => (process.env.KAFKA_TEST_BROKERS ?? '').split(',').filter(Boolean);

export const createTopic = async (topic: string) => {
  const admin = new Kafka({ clientId: 'test-admin', brokers: brokers(), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
  await admin.disconnect();
};

/** A downstream system in miniature: reads the whole topic from the beginning in a group of its own. */
export class TopicReader {
  readonly messages: ReadMessage[] = [];
  private constructor(private readonly consumer: Consumer) {}

  static async open(topic: string): Promise<TopicReader> {
    const kafka = new Kafka({ clientId: 'test-reader', brokers: brokers(), logLevel: logLevel.NOTHING });
    const reader = new TopicReader(kafka.consumer({ groupId: `reader-${randomUUID()}` }));
    await reader.consumer.connect();
    await subscribeWhenHosted(reader.consumer, topic);
    await reader.consumer.run({
      eachMessage: async ({ message, partition }) => {
        reader.messages.push({
          key: message.key?.toString() ?? '',
          value: message.value?.toString() ?? '',
          headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
          partition,
          offset: Number(message.offset),
        });
      },
    });
    return reader;
  }

  async waitFor(done: (messages: readonly ReadMessage[]) => boolean, timeoutMs = 45_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done(this.messages)) {
      if (Date.now() > deadline) throw new Error(`timed out with ${this.messages.length} message(s) read`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  close(): Promise<void> {
    return this.consumer.disconnect();
  }
}

/**
 * Subscribes once a broker hosts the topic's partitions: a broker just restarted answers "does not
 * host this topic-partition" (retriable in Kafka's protocol) until its partitions have a leader again.
 */
const subscribeWhenHosted = async (consumer: Consumer, topic: string, deadline = Date.now() + 60_000): Promise<void> => {
  for (;;) {
    try {
      return await consumer.subscribe({ topic, fromBeginning: true });
    } catch (e) {
      if (!(e as { retriable?: boolean }).retriable || Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
};
