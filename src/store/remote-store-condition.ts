import { DomainError } from '../ledger/domain/errors';
import type { StoreCondition } from '../core/ports/event-store.port';
import { diskFull, unavailable } from './store-guard';

/** What a fault of a store server means for commands: none (a bug, a refusal), unreachable (503), or a full disk (507). */
export type FaultKind = { readonly kind: 'unreachable'; readonly reason: string } | { readonly kind: 'disk_full'; readonly reason: string } | null;

/**
 * What a store on a server (PostgreSQL, EventStoreDB) knows of it, for /health: set by every call
 * that fails for want of the server, cleared by every one that succeeds, and looked at again by a
 * probe with its own deadline, so that /health sees an outage (and its end) while nothing is
 * written. Unreachable is `unwritable` (commands 503 STORE.UNAVAILABLE), a full disk `disk_full` (507).
 */
export class RemoteStoreCondition {
  private problem: Exclude<StoreCondition, { status: 'ok' }> | null = null;
  private timer?: NodeJS.Timeout;
  private probing = false;

  constructor(
    private readonly probe: () => Promise<void>,
    private readonly classify: (e: unknown) => FaultKind,
  ) {}

  current(): StoreCondition {
    return this.problem ?? { status: 'ok' };
  }

  answered(): void {
    this.problem = null;
  }

  /**
   * The error in the ledger's terms: STORE.UNAVAILABLE or STORE.DISK_FULL, and the condition set;
   * `maybeWritten` when the server went while a write was on its way (its outcome unknown). Any
   * other error is given back as it is.
   */
  failed(e: unknown, maybeWritten = false): unknown {
    if (e instanceof DomainError) return e;
    const fault = this.classify(e);
    if (!fault) return e;
    if (fault.kind === 'disk_full') {
      this.problem = { status: 'disk_full', reason: fault.reason };
      return diskFull();
    }
    this.problem = { status: 'unwritable', reason: fault.reason };
    if (!maybeWritten) return unavailable(fault.reason);
    return new DomainError(
      'STORE.UNAVAILABLE',
      `the ledger cannot tell whether this command was recorded: ${fault.reason} while it was written. Repeat it with the same Idempotency-Key: it is recorded once.`,
      [{ problem: fault.reason }],
    );
  }

  start(everyMs: number): void {
    this.timer = setInterval(() => void this.check(), everyMs);
    this.timer.unref();
  }

  async check(): Promise<StoreCondition> {
    if (!this.probing) {
      this.probing = true;
      await this.probe().then(
        () => this.answered(),
        (e) => this.failed(e),
      );
      this.probing = false;
    }
    return this.current();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
