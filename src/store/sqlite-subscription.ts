import type { RecordedEvent } from '../ledger/domain/recorded-event';
import type { EventStore, Subscription } from './event-store.port';

const BATCH = 500;
/** Appends by another process on the same file are not announced in-process, so poll too. */
const POLL_MS = 1000;

/** Catch-up then live: one loop that reads after the last delivered position until caught up. */
export class SqliteSubscription implements Subscription {
  private position: string | null;
  private running = false;
  private again = false;
  private closed = false;
  private timer?: NodeJS.Timeout;
  private unlisten?: () => void;
  private idle: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Pick<EventStore, 'readAll'>,
    after: string | null,
    private readonly handle: (events: readonly RecordedEvent[]) => Promise<void> | void,
    private readonly listen: (notify: () => void) => () => void,
  ) {
    this.position = after;
  }

  start(): void {
    this.unlisten = this.listen(() => this.wake());
    this.timer = setInterval(() => this.wake(), POLL_MS);
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
    this.idle = this.drain().finally(() => {
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
      if (events.length === 0) return;
      await this.handle(events);
      this.position = events[events.length - 1].position;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.unlisten?.();
    await this.idle.catch(() => undefined);
  }
}
