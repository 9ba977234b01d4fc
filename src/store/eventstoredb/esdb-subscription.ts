import { excludeSystemEvents, START, streamNameFilter } from '@eventstore/db-client';
import { errorMessage } from '../../ledger/domain/errors';
import type { RecordedEvent } from '../../ledger/domain/recorded-event';
import type { Subscription } from '../../core/ports/event-store.port';
import type { EsdbClient } from './esdb-client';
import { fromEsdb, parsePosition } from './esdb-mapping';

/**
 * A catch-up subscription to `$all` (system events, or streams outside the prefix, filtered out on
 * the server; idempotency records
 * and other applications' events passed over here), handing each ledger event on in order. When the
 * cluster goes away it subscribes again from the last position handed on, after `retryMs`; a
 * handler that throws is handed the same event again then. Nothing is skipped.
 */
export class EsdbSubscription implements Subscription {
  private closed = false;
  private current?: { unsubscribe(): Promise<void> };
  private retry?: NodeJS.Timeout;
  private running: Promise<void> = Promise.resolve();
  private failing = false;

  constructor(
    private readonly client: EsdbClient,
    private readonly prefix: string,
    private position: string | null,
    private readonly handle: (events: readonly RecordedEvent[]) => Promise<void> | void,
    private readonly retryMs: number,
    private readonly warn: (message: string) => void,
  ) {}

  start(): void {
    if (this.closed) return;
    this.running = this.run().catch((e) => {
      if (!this.failing) this.warn(`the subscription to EventStoreDB stopped at ${this.position ?? 'the start'} and subscribes again: ${errorMessage(e)}`);
      this.failing = true;
      if (this.closed) return;
      this.retry = setTimeout(() => this.start(), this.retryMs);
      this.retry.unref();
    });
  }

  private async run(): Promise<void> {
    const from = this.position === null ? START : parsePosition(this.position);
    if (!from) throw new Error(`${this.position} is no EventStoreDB position`);
    const filter = this.prefix ? streamNameFilter({ prefixes: [this.prefix] }) : excludeSystemEvents();
    const sub = this.client.subscribeToAll({ fromPosition: from, filter });
    this.current = sub;
    for await (const resolved of sub) {
      if (this.closed) break;
      const mapped = fromEsdb(resolved, this.prefix);
      // The position itself was handed on before: a subscription starts after it, but never twice.
      if (!mapped || mapped.event.position === this.position) continue;
      await this.handle([mapped.event]);
      this.position = mapped.event.position;
      this.failing = false;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    await this.current?.unsubscribe().catch(() => undefined);
    await this.running;
  }
}
