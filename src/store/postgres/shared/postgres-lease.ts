import { Client } from 'pg';
import type { LeaderWork, Leadership } from '../../../leadership/leadership';
import { errorMessage } from '../../../ledger/domain/errors';

/** Advisory lock class of the leases (the second key is the hash of schema and lease name). */
const LEASE_LOCK = 0x1ed9e412;

export interface PostgresLeaseOptions {
  readonly connectionString: string;
  readonly schema: string;
  /** How often (ms) an instance without the lease tries for it, and the holder checks it still holds it; default 2000. */
  readonly everyMs?: number;
  readonly log?: (line: string) => void;
}

interface Held {
  readonly name: string;
  readonly work: LeaderWork;
  client: Client | null;
  running: boolean;
  timer?: NodeJS.Timeout;
  turn: Promise<void>;
}

/**
 * Leases as PostgreSQL session advisory locks, one connection per lease: the lock is the holder's
 * for as long as its connection lives. When the holder dies (a crash, kill -9, its host gone) the
 * server ends the session and frees the lock; another instance takes it at its next try, at most
 * `everyMs` later (plus TCP's own detection when a host vanishes without closing its connections:
 * keep-alives are on). The holder checks its connection every `everyMs`; lost, it stops the work
 * at once and tries for the lease again like anyone else.
 */
export class PostgresLease implements Leadership {
  private readonly leases = new Map<string, Held>();
  private closed = false;

  constructor(private readonly options: PostgresLeaseOptions) {}

  async hold(name: string, work: LeaderWork): Promise<void> {
    const held: Held = { name, work, client: null, running: false, turn: Promise.resolve() };
    this.leases.set(name, held);
    await this.tick(held);
  }

  held(): readonly string[] {
    return [...this.leases.values()].filter((h) => h.running).map((h) => h.name);
  }

  /** One try for the lease (or one check of it), then the next is scheduled; turns never overlap. */
  private tick(h: Held): Promise<void> {
    h.turn = h.turn.then(async () => {
      if (this.closed) return;
      try {
        if (h.running && h.client) await h.client.query('SELECT 1');
        else await this.tryToTake(h);
      } catch (e) {
        await this.lose(h, errorMessage(e));
      }
      if (this.closed) return;
      h.timer = setTimeout(() => void this.tick(h), this.options.everyMs ?? 2000);
      h.timer.unref();
    });
    return h.turn;
  }

  private async tryToTake(h: Held): Promise<void> {
    if (!h.client) {
      const client = new Client({
        connectionString: this.options.connectionString,
        keepAlive: true,
        connectionTimeoutMillis: 5000,
        application_name: `consent-ledger-lease-${h.name}`,
      });
      // A broken connection is found by the next check; unhandled, the error would end the process.
      client.on('error', () => undefined);
      await client.connect();
      h.client = client;
    }
    const { rows } = await h.client.query<{ taken: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS taken', [
      LEASE_LOCK,
      `${this.options.schema}:${h.name}`,
    ]);
    if (!rows[0].taken) return;
    h.running = true;
    this.options.log?.(`this instance holds the ${h.name} lease`);
    await h.work.start();
  }

  private async lose(h: Held, why: string): Promise<void> {
    const client = h.client;
    h.client = null;
    if (h.running) {
      h.running = false;
      this.options.log?.(`the ${h.name} lease was lost (${why}); its work stops here`);
      await Promise.resolve(h.work.stop()).catch(() => undefined);
    }
    await client?.end().catch(() => undefined);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const h of this.leases.values()) {
      clearTimeout(h.timer);
      await h.turn.catch(() => undefined);
      if (h.running) {
        h.running = false;
        await Promise.resolve(h.work.stop()).catch(() => undefined);
      }
      // Ending the session frees the lock: another instance takes it at its next try.
      await h.client?.end().catch(() => undefined);
      h.client = null;
    }
    this.leases.clear();
  }
}
