import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { LedgerConfig } from '../config/ledger-config';
import { EVENT_STORE, type EventStore } from '../core/ports/event-store.port';
import { CLOUDEVENTS_SOURCE } from './domain/integration-event';
import { KafkaJsPublisher } from './kafkajs-publisher';
import { Relay } from './relay';
import { RelayCheckpoint } from './relay-checkpoint';

/** Runs the Kafka relay inside the ledger when KAFKA_BROKERS is set; without it, nothing at all. */
@Injectable()
export class RelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('kafka-relay');
  private relay?: Relay;
  private checkpoint?: RelayCheckpoint;

  constructor(
    private readonly config: LedgerConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const kafka = this.config.kafka;
    if (!kafka) return;
    this.checkpoint = new RelayCheckpoint(join(this.config.dataDir, 'relay.db'));
    this.relay = new Relay(this.store, new KafkaJsPublisher(kafka), this.checkpoint, {
      topic: kafka.topic,
      source: CLOUDEVENTS_SOURCE,
      log: (line) => this.log.warn(line),
    });
    await this.relay.start();
    this.log.log(`publishing every event to ${kafka.topic} on ${kafka.brokers.join(',')}`);
  }

  /**
   * For /health: off without KAFKA_BROKERS; unreachable while the broker does not acknowledge;
   * parked while events wait for a release that maps them (how many, never which).
   */
  condition(): { readonly status: 'off' | 'ok' | 'unreachable' } | { readonly status: 'parked'; readonly reason: string } {
    if (!this.relay) return { status: 'off' };
    if (!this.relay.reachable) return { status: 'unreachable' };
    const parked = this.relay.parked().length;
    if (parked > 0) return { status: 'parked', reason: `${parked} event${parked === 1 ? '' : 's'} of a type this release cannot publish wait${parked === 1 ? 's' : ''} in the relay (the log says which)` };
    return { status: 'ok' };
  }

  /** The topic relayed to; null without KAFKA_BROKERS. */
  topic(): string | null {
    return this.config.kafka?.topic ?? null;
  }

  /** For /metrics: the position the relay has published up to (its checkpoint); null when off or nothing yet. */
  publishedUpTo(): string | null {
    return this.checkpoint && this.config.kafka ? this.checkpoint.get(this.config.kafka.topic) : null;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
    this.checkpoint?.close();
  }
}
