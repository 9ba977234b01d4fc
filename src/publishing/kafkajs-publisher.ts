import { Kafka, logLevel, type Producer } from 'kafkajs';
import type { MessagePublisher, OutgoingMessage } from './message-publisher.port';

export interface KafkaSettings {
  readonly brokers: readonly string[];
  readonly topic: string;
  readonly clientId: string;
}

/** kafkajs behind the port: an idempotent producer, acknowledged by all in-sync replicas. */
export class KafkaJsPublisher implements MessagePublisher {
  private readonly producer: Producer;

  constructor(private readonly settings: KafkaSettings) {
    const kafka = new Kafka({
      clientId: settings.clientId,
      brokers: [...settings.brokers],
      logLevel: logLevel.NOTHING,
      // The relay retries whole batches itself; the client should give up fast and say so.
      retry: { retries: 2, initialRetryTime: 200 },
    });
    // One request in flight keeps a pupil's events in order across retries.
    this.producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: true });
  }

  connect(): Promise<void> {
    return this.producer.connect();
  }

  async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.producer.send({
      topic: this.settings.topic,
      acks: -1,
      messages: messages.map((m) => ({ key: m.key, value: m.value, headers: { ...m.headers } })),
    });
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }
}
