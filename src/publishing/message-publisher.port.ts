/**
 * The relay's view of a broker. Kafka sits behind this port of our own so that the client
 * (kafkajs, in maintenance upstream) can be swapped without touching the relay.
 */
export interface OutgoingMessage {
  readonly key: string;
  readonly value: string;
  readonly headers: Readonly<Record<string, string>>;
}

export interface MessagePublisher {
  connect(): Promise<void>;
  /** Resolves only once the broker has acknowledged every message (all in-sync replicas). */
  publish(messages: readonly OutgoingMessage[]): Promise<void>;
  disconnect(): Promise<void>;
}
