/**
 * Work that one instance of the ledger at a time may do (DESIGN, "Beyond contract v1"): the Kafka
 * relay, the consent-expiry schedule, the checkpoint signer. With the embedded store there is one
 * instance, which always holds it; on a shared store a lease in PostgreSQL decides (PostgresLease).
 */
export interface LeaderWork {
  /** Called when this instance comes to hold the lease; the work runs until `stop`. */
  start(): Promise<void> | void;
  /** Called when the lease is lost or the instance stops; must end the work before it returns. */
  stop(): Promise<void> | void;
}

export interface Leadership {
  /**
   * Runs `work` whenever this instance holds the lease named `name`, on this instance and no other.
   * Resolves once the lease was first tried for (and the work started, when it was taken).
   */
  hold(name: string, work: LeaderWork): Promise<void>;
  /** The names of the leases this instance holds now (for /health and logs). */
  held(): readonly string[];
  /** Stops every work started here and gives the leases up. */
  close(): Promise<void>;
}

export const LEADERSHIP = Symbol('Leadership');

/** One instance alone (the embedded store): every lease is held at once and for good. */
export class SoleInstance implements Leadership {
  private readonly works = new Map<string, LeaderWork>();

  async hold(name: string, work: LeaderWork): Promise<void> {
    this.works.set(name, work);
    await work.start();
  }

  held(): readonly string[] {
    return [...this.works.keys()];
  }

  async close(): Promise<void> {
    const works = [...this.works.values()];
    this.works.clear();
    for (const w of works) await w.stop();
  }
}
