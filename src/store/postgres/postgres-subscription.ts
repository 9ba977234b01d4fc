import { errorMessage } from '../../ledger/domain/errors';
import type { RecordedEvent } from '../../ledger/domain/recorded-event';
import type { EventStore, Subscription } from '../../core/ports/event-store.port';

const BATCH = 500;

/**
 * Catch-up, then live: reads after the last delivered position until caught up, woken by the
 * store's LISTEN connection and by a poll (the fallback when notifications are lost). A read that
 * fails (the database went away) or a handler that throws leaves the position where it was: the
 * batch is read and handed again at the next wake, so nothing is skipped.
 */
export class PostgresSubscription implements Subscription {
  private position: string | null;
  private running = false;
  private again = false;
  private closed = false;
  /** One warning per run of failures, not one per poll while the database is away. */
  private failing = false;
  private timer?: NodeJS.Timeout;
  private unlisten?: () => void;
  private idle: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Pick<EventStore, 'readAll'>,
    after: string | null,
    private readonly handle: (events: readonly RecordedEvent[]) => Promise<void> | void,
    private readonly listen: (wake: () => void) => () => void,
    private readonly pollMs: number,
    private readonly warn: (message: string) => void,
  ) {
    this.position = after;
  }

  start(): void {
    this.unlisten = this.listen(() => this.wake());
    this.timer = setInterval(() => this.wake(), this.pollMs);
    this.timer.unref();
    this.wake();
  }

  private wake(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    this.idle = this.drain()
      .then(
        () => {
          this.failing = false;
        },
        (e) => {
          if (!this.failing)
            this.warn(`a subscription to the PostgreSQL store stopped at position ${this.position ?? 'start'} and retries: ${errorMessage(e)}`);
          this.failing = true;
        },
      )
      .finally(() => {
        this.running = false;
        if (this.again && !this.closed) {
          this.again = false;
          this.wake();
        }
      });
  }

  private async drain(): Promise<void> {
    while (!this.closed) {
      const events = await this.store.readAll(this.position, BATCH);
      if (events.length === 0 || this.closed) return;
      await this.handle(events);
      this.position = events[events.length - 1].position;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    this.unlisten?.();
    await this.idle;
  }
}
