import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { LedgerConfig } from '../config/ledger-config';
import { LEADERSHIP, type Leadership } from '../leadership/leadership';
import { EVENT_STORE, type EventStore } from '../core/ports/event-store.port';
import { SharedRelayCheckpoint } from '../store/postgres/shared/shared-relay-checkpoint';
import { SHARED_STATE, type SharedState } from '../store/postgres/shared/shared-state';
import { CLOUDEVENTS_SOURCE } from './domain/integration-event';
import { KafkaJsPublisher } from './kafkajs-publisher';
import { Relay } from './relay';
import { RelayCheckpoint } from './relay-checkpoint';

/**
 * Runs the Kafka relay inside the ledger when KAFKA_BROKERS is set; without it, nothing at all. On a
 * shared store only the holder of the `kafka-relay` lease runs it, from the shared checkpoint.
 */
@Injectable()
export class RelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('kafka-relay');
  private relay?: Relay;
  private checkpoint?: RelayCheckpoint | SharedRelayCheckpoint;

  constructor(
    private readonly config: LedgerConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LEADERSHIP) private readonly leadership: Leadership,
    @Inject(SHARED_STATE) private readonly shared: SharedState | null,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const kafka = this.config.kafka;
    if (!kafka) return;
    await this.leadership.hold('kafka-relay', { start: () => this.startRelay(kafka), stop: () => this.stopRelay() });
  }

  private async startRelay(kafka: NonNullable<LedgerConfig['kafka']>): Promise<void> {
    if (this.shared) {
      const shared = new SharedRelayCheckpoint(this.shared, (line) => this.log.warn(line));
      await shared.load(kafka.topic);
      this.checkpoint = shared;
    } else this.checkpoint = new RelayCheckpoint(join(this.config.dataDir, 'relay.db'));
    this.relay = new Relay(this.store, new KafkaJsPublisher(kafka), this.checkpoint, {
      topic: kafka.topic,
      source: CLOUDEVENTS_SOURCE,
      log: (line) => this.log.warn(line),
    });
    await this.relay.start();
    this.log.log(`publishing every event to ${kafka.topic} on ${kafka.brokers.join(',')}`);
  }

  private async stopRelay(): Promise<void> {
    const [relay, checkpoint] = [this.relay, this.checkpoint];
    this.relay = undefined;
    this.checkpoint = undefined;
    await relay?.stop();
    if (checkpoint instanceof SharedRelayCheckpoint) await checkpoint.settled();
    checkpoint?.close();
  }

  /**
   * For /health: off without KAFKA_BROKERS; standby while another instance holds the relay's lease;
   * unreachable while the broker does not acknowledge; parked while events wait for a release that
   * maps them (how many, never which).
   */
  condition(): { readonly status: 'off' | 'standby' | 'ok' | 'unreachable' } | { readonly status: 'parked'; readonly reason: string } {
    if (!this.config.kafka) return { status: 'off' };
    if (!this.relay) return { status: 'standby' };
    if (!this.relay.reachable) return { status: 'unreachable' };
    const parked = this.relay.parked().length;
    if (parked > 0)
      return {
        status: 'parked',
        reason: `${parked} event${parked === 1 ? '' : 's'} of a type this release cannot publish wait${parked === 1 ? 's' : ''} in the relay (the log says which)`,
      };
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
    await this.stopRelay();
  }
}
