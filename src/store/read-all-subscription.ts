import type { EventStore, Subscription } from '../core/ports/event-store.port';
import { errorMessage } from '../ledger/domain/errors';
import type { RecordedEvent } from '../ledger/domain/recorded-event';

const BATCH = 500;
/** Appends by another process (on the same file, or another instance on the same database) are not announced to this one, so poll too. */
const POLL_MS = 1000;

/**
 * Catch-up then live over `readAll`, for every store that reads its log in pages (SQLite, PostgreSQL,
 * in memory): one loop that reads after the last delivered position until caught up, woken by the
 * store's own appends (PostgreSQL: its LISTEN connection) and by a poll, the fallback when a wake is lost. A read that fails or a handler that
 * throws leaves the position where it was: the same batch is read and handed again at the next
 * wake (the poll's, at the latest), so nothing is skipped and nothing ends the process.
 */
export class ReadAllSubscription implements Subscription {
  private position: string | null;
  private running = false;
  private again = false;
  private closed = false;
  /** One warning per run of failures, not one per poll. */
  private failing = false;
  private timer?: NodeJS.Timeout;
  private unlisten?: () => void;
  private idle: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Pick<EventStore, 'readAll'>,
    after: string | null,
    private readonly handle: (events: readonly RecordedEvent[]) => Promise<void> | void,
    private readonly listen: (notify: () => void) => () => void,
    private readonly warn: (message: string) => void = (m) => process.emitWarning(m),
    private readonly pollMs = POLL_MS,
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
        () => void (this.failing = false),
        (e: unknown) => {
          if (!this.failing) this.warn(`a subscription stopped at position ${this.position ?? 'start'} and retries: ${errorMessage(e)}`);
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
    for (;;) {
      if (this.closed) return;
      const events = await this.store.readAll(this.position, BATCH);
      if (events.length === 0 || this.closed) return;
      await this.handle(events);
      this.position = events[events.length - 1].position;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.unlisten?.();
    await this.idle;
  }
}
