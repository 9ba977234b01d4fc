import type { EventStore, Subscription } from '../core/ports/event-store.port';
import type { RecordedEvent } from '../ledger/domain/recorded-event';
import { errorMessage } from '../ledger/domain/errors';
import type { PurposeStatus } from '../pupils/domain/consent-status';
import { ConsentFacts } from './consent-facts';
import { type IntegrationEvent, cloudEventHeaders, isConsentChange, isPublished, subjectOf, toIntegrationEvent } from './domain/integration-event';
import type { MessagePublisher, OutgoingMessage } from './message-publisher.port';
import type { ParkedEvent, RelayCheckpoint } from './relay-checkpoint';

/** Maps a recorded event to its integration event; throws when this release has no mapping for it. */
export type IntegrationMapping = (e: RecordedEvent, status?: PurposeStatus) => IntegrationEvent;

export interface RelayOptions {
  readonly topic: string;
  readonly source: string;
  readonly batchSize?: number;
  /** Waits between attempts while the broker does not acknowledge: doubling up to the last. */
  readonly backoffMs?: readonly number[];
  readonly log?: (line: string) => void;
  /** The contract's mapping (`toIntegrationEvent`) unless given. */
  readonly mapping?: IntegrationMapping;
}

/**
 * Feeds the topic from the store: each batch its subscription hands it is published, and only once
 * the broker acknowledged is the checkpoint moved. At-least-once: a crash between the two repeats
 * that batch. An event it cannot map is parked with its position (said in the log and on /health)
 * and the checkpoint moves past it: it never stops the relay, and is published at a start whose
 * release maps it.
 */
export class Relay {
  private subscription?: Subscription;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;
  private connected = false;
  /** Since the broker last refused or could not be reached, until it acknowledges again. */
  private unreachable = false;
  private readonly facts: ConsentFacts;
  private readonly mapping: IntegrationMapping;
  published = 0;

  constructor(
    private readonly store: EventStore,
    private readonly publisher: MessagePublisher,
    /** The embedded RelayCheckpoint, or the shared one in PostgreSQL (SharedRelayCheckpoint). */
    private readonly checkpoint: Pick<RelayCheckpoint, 'get' | 'set' | 'parked' | 'unpark'>,
    private readonly options: RelayOptions,
  ) {
    this.facts = new ConsentFacts(store);
    this.mapping = options.mapping ?? toIntegrationEvent;
  }

  async start(): Promise<void> {
    this.stopped = false;
    // Connect at once, not at the first event, so that an unreachable broker is known (and said) early.
    this.running = this.running.catch(() => undefined).then(() => this.publishUntilAcknowledged([]));
    void this.queue(() => this.publishParked());
    this.subscription = this.store.subscribe(this.checkpoint.get(this.options.topic), (events) => this.queue(() => this.relayBatch(events)));
  }

  /** Whether the broker acknowledged the last attempt (connecting included). */
  get reachable(): boolean {
    return !this.unreachable;
  }

  /** The events parked for want of a mapping, oldest first. */
  parked(): ParkedEvent[] {
    return this.checkpoint.parked(this.options.topic);
  }

  /** Publishes everything up to the store's head by reading it (a relay run once, without a subscription); calls queue behind each other. */
  wake(): Promise<void> {
    return this.queue(() => this.drain());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.subscription?.close();
    await this.running.catch(() => undefined);
    if (this.connected) await this.publisher.disconnect().catch(() => undefined);
    this.connected = false;
  }

  private queue(work: () => Promise<void>): Promise<void> {
    this.running = this.running.catch(() => undefined).then(work);
    return this.running;
  }

  private async drain(): Promise<void> {
    const { topic, batchSize = 200 } = this.options;
    while (!this.stopped) {
      const events = await this.store.readAll(this.checkpoint.get(topic), batchSize);
      if (events.length === 0) return;
      await this.relayBatch(events);
    }
  }

  /**
   * One batch: published, then the checkpoint moved past it with what was parked. A checkpoint that
   * cannot be written (a full disk) is said and thrown: the subscription hands the batch again.
   */
  private async relayBatch(events: readonly RecordedEvent[]): Promise<void> {
    const { messages, parked } = await this.messagesFor(events);
    await this.publishUntilAcknowledged(messages);
    if (this.stopped) return;
    try {
      this.checkpoint.set(this.options.topic, events[events.length - 1].position, parked);
    } catch (e) {
      this.options.log?.(`the relay could not move on (${errorMessage(e)}); trying again, checkpoint unchanged`);
      throw e;
    }
    this.published += messages.length;
    for (const p of parked) this.options.log?.(`parked event ${p.eventId} at position ${p.position}: ${p.reason}; it is published once a release maps it`);
  }

  /** At start: the parked events this release maps are published and leave the list; the others stay. */
  private async publishParked(): Promise<void> {
    const { topic } = this.options;
    for (const p of this.checkpoint.parked(topic)) {
      if (this.stopped) return;
      const [e] = (await this.store.readStream(p.stream, p.revision)).events;
      if (!e || e.eventId !== p.eventId) continue;
      const { messages, parked } = await this.messagesFor([e], false);
      if (parked.length > 0) continue;
      await this.publishUntilAcknowledged(messages);
      if (this.stopped) return;
      this.checkpoint.unpark(topic, p.eventId);
      this.published += messages.length;
      this.options.log?.(`published parked event ${p.eventId} (position ${p.position}): this release maps ${p.type}`);
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

  /**
   * One message per event, in order, keyed by its subject; the body is the integration event the
   * feed serves too. `follow`: the events continue the log (the consent fold takes them).
   */
  private async messagesFor(events: readonly RecordedEvent[], follow = true): Promise<{ messages: OutgoingMessage[]; parked: ParkedEvent[] }> {
    const messages: OutgoingMessage[] = [];
    const parked: ParkedEvent[] = [];
    for (const e of events) {
      const change = isConsentChange(e.type);
      const status = follow ? await this.facts.see(e, change) : undefined;
      if (!isPublished(e.type)) continue;
      let ie: IntegrationEvent;
      try {
        ie = this.mapping(e, change && !follow ? await new ConsentFacts(this.store).see(e, true) : status);
      } catch (error) {
        parked.push({ position: e.position, eventId: e.eventId, stream: e.stream, revision: e.revision, type: e.type, reason: errorMessage(error) });
        continue;
      }
      messages.push({ key: subjectOf(ie), value: JSON.stringify(ie), headers: cloudEventHeaders(ie, this.options.source) });
    }
    return { messages, parked };
  }
}
