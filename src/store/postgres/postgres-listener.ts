import { Client, type ClientConfig } from 'pg';

/**
 * One LISTEN connection per store, shared by its subscriptions: a commit that appended events
 * notifies the schema's channel, and every subscription reads on at once. The connection is a
 * hint, never the source of truth: lost, it is made again after `retryMs`, and the subscriptions
 * poll meanwhile.
 */
export class PostgresListener {
  private client: Client | null = null;
  private readonly wakers = new Set<() => void>();
  private retry?: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly config: ClientConfig,
    private readonly channel: string,
    private readonly retryMs = 1000,
  ) {}

  /** Calls `wake` on every notification; answers how to stop. Connects on the first call. */
  listen(wake: () => void): () => void {
    this.wakers.add(wake);
    if (!this.client && !this.retry) void this.connect();
    return () => this.wakers.delete(wake);
  }

  private async connect(): Promise<void> {
    this.retry = undefined;
    if (this.closed) return;
    const client = new Client(this.config);
    const lost = () => {
      if (this.client !== client) return;
      this.client = null;
      void client.end().catch(() => undefined);
      this.later();
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', () => this.wakers.forEach((wake) => wake()));
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN "${this.channel}"`);
      // Events committed while no one listened: every subscription looks once.
      this.wakers.forEach((wake) => wake());
    } catch {
      lost();
    }
    if (this.closed) await client.end().catch(() => undefined);
  }

  private later(): void {
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => void this.connect(), this.retryMs);
    this.retry.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    this.wakers.clear();
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
