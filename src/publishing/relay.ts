import type { RecordedEvent } from '../ledger/domain/recorded-event';
import type { EventStore, Subscription } from '../core/ports/event-store.port';
import { cloudEventHeaders, subjectOf } from './domain/integration-event';
import { integrationEvents } from './integration-events';
import type { MessagePublisher, OutgoingMessage } from './message-publisher.port';
import type { RelayCheckpoint } from './relay-checkpoint';
import { errorMessage } from '../ledger/domain/errors';

export interface RelayOptions {
  readonly topic: string;
  readonly source: string;
  readonly batchSize?: number;
  /** Waits between attempts while the broker does not acknowledge: doubling up to the last. */
  readonly backoffMs?: readonly number[];
  readonly log?: (line: string) => void;
}

const RETRY_AFTER_FAILURE_MS = 1000;

/**
 * Feeds the topic from the store: read after the checkpoint, publish, and only once the broker
 * acknowledged, move the checkpoint. At-least-once: a crash between the two repeats that batch.
 */
export class Relay {
  private subscription?: Subscription;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;
  private connected = false;
  private retry?: NodeJS.Timeout;
  /** Since the broker last refused or could not be reached, until it acknowledges again. */
  private unreachable = false;
  published = 0;

  constructor(
    private readonly store: EventStore,
    private readonly publisher: MessagePublisher,
    private readonly checkpoint: RelayCheckpoint,
    private readonly options: RelayOptions,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    // Connect at once, not at the first event, so that an unreachable broker is known (and said) early.
    this.running = this.running.catch(() => undefined).then(() => this.publishUntilAcknowledged([]));
    this.subscription = this.store.subscribe(this.checkpoint.get(this.options.topic), () => this.wakeOrRetry());
  }

  /**
   * A drain that fails on our side (the checkpoint cannot be written: a full disk) must not end
   * the process nor wait for the next event: it is said, and tried again a moment later.
   */
  private wakeOrRetry(): void {
    this.wake().catch((e: unknown) => {
      this.options.log?.(`the relay could not move on (${errorMessage(e)}); trying again, checkpoint unchanged`);
      if (this.stopped || this.retry) return;
      this.retry = setTimeout(() => {
        this.retry = undefined;
        this.wakeOrRetry();
      }, RETRY_AFTER_FAILURE_MS);
      this.retry.unref();
    });
  }

  /** Whether the broker acknowledged the last attempt (connecting included). */
  get reachable(): boolean {
    return !this.unreachable;
  }

  /** Publishes everything up to the store's head; calls queue behind each other. */
  wake(): Promise<void> {
    this.running = this.running.catch(() => undefined).then(() => this.drain());
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.subscription?.close();
    await this.running.catch(() => undefined);
    if (this.connected) await this.publisher.disconnect().catch(() => undefined);
    this.connected = false;
  }

  private async drain(): Promise<void> {
    const { topic, batchSize = 200 } = this.options;
    while (!this.stopped) {
      const events = await this.store.readAll(this.checkpoint.get(topic), batchSize);
      if (events.length === 0) return;
      const messages = await this.messagesFor(events);
      await this.publishUntilAcknowledged(messages);
      if (this.stopped) return;
      this.checkpoint.set(topic, events[events.length - 1].position);
      this.published += messages.length;
    }
  }

  private async publishUntilAcknowledged(messages: readonly OutgoingMessage[]): Promise<void> {
    const waits = this.options.backoffMs ?? [250, 500, 1000, 2000, 5000];
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        if (!this.connected) {
          await this.publisher.connect();
          this.connected = true;
        }
        await this.publisher.publish(messages);
        this.unreachable = false;
        return;
      } catch (e) {
        this.unreachable = true;
        this.options.log?.(`broker did not acknowledge (${errorMessage(e)}); retrying, checkpoint unchanged`);
        await this.publisher.disconnect().catch(() => undefined);
        this.connected = false;
        await new Promise((r) => setTimeout(r, waits[Math.min(attempt, waits.length - 1)]));
      }
    }
  }

  /** One message per event, in order, keyed by its subject; the body is the integration event the feed serves too. */
  private async messagesFor(events: readonly RecordedEvent[]): Promise<OutgoingMessage[]> {
    return (await integrationEvents(this.store, events)).map((ie) => ({
      key: subjectOf(ie),
      value: JSON.stringify(ie),
      headers: cloudEventHeaders(ie, this.options.source),
    }));
  }
}
