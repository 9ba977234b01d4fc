import type { Pool } from 'pg';
import type { RecordedEvent } from '../../ledger/domain/recorded-event';
import type { AppendOptions, StreamWrite } from '../../core/ports/event-store.port';
import type { RemoteStoreCondition } from '../remote-store-condition';
import { type Outcome, type PendingAppend, appendGroup } from './postgres-append';
import { inTransaction } from './postgres-transaction';

interface Pending extends PendingAppend {
  resolve(events: readonly RecordedEvent[]): void;
  reject(error: unknown): void;
}

/** Appends written by one transaction at most: a group waits for no one, it takes what queued during the last. */
const GROUP_MAX = 256;

/**
 * The PostgreSQL store's write side: group commit. Every append that queues while a transaction
 * commits joins the next one, so the advisory lock that orders positions (see `PostgresEventStore`)
 * is taken once per group, not once per append. One transaction at a time per store.
 */
export class PostgresGroupCommit {
  private readonly pending: Pending[] = [];
  private writing: Promise<void> | null = null;

  /**
   * `schema` as named, `s` the same quoted for SQL, `channel` the one NOTIFY wakes subscriptions on;
   * `now` (ms since the epoch) the clock of `recordedAt` in place of the database's, when given.
   */
  constructor(
    private readonly pool: Pool,
    private readonly health: RemoteStoreCondition,
    private readonly schema: string,
    private readonly s: string,
    private readonly channel: string,
    private readonly now?: () => number,
  ) {}

  /** The events as written, or the append's refusal or the store's failure in the ledger's terms. */
  append(writes: readonly StreamWrite[], options: AppendOptions): Promise<readonly RecordedEvent[]> {
    return new Promise((resolve, reject) => {
      this.pending.push({ writes, options, resolve, reject });
      this.writing ??= new Promise<void>((r) => setImmediate(r)).then(() => this.flush());
    });
  }

  /** Resolves once every append queued so far has its answer. */
  async settled(): Promise<void> {
    while (this.writing) await this.writing;
  }

  /** One transaction at a time; what queues meanwhile is the next group. */
  private async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, GROUP_MAX);
      const outcomes = await this.writeGroup(batch).catch((error: unknown) => batch.map((): Outcome => ({ error })));
      batch.forEach((p, i) => {
        const o = outcomes[i];
        if ('events' in o) p.resolve(o.events);
        else p.reject(o.error);
      });
    }
    this.writing = null;
  }

  private writeGroup(batch: readonly Pending[]): Promise<Outcome[]> {
    return inTransaction(this.pool, this.health, (client) => appendGroup(client, this.schema, this.s, this.channel, batch, this.now));
  }
}
