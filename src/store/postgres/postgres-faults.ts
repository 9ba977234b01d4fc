import { DomainError, errorMessage } from '../../ledger/domain/errors';
import type { StoreCondition } from '../event-store.port';
import { diskFull, unavailable } from '../store-guard';

/** PostgreSQL's `disk_full`: the server could not extend a file. */
const DISK_FULL = '53100';

/**
 * Errors that say the database cannot take a write now, whatever the write: a connection that
 * failed, was refused or timed out (client side or `statement_timeout`/`lock_timeout`), a server
 * shutting down or starting, too many connections, a standby that is read-only.
 */
const UNREACHABLE_SQLSTATE = /^(08|57P|53300|25006|57014|55P03)/;
const UNREACHABLE_NODE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN']);
const UNREACHABLE_MESSAGE = /Connection terminated|connection timeout|Query read timeout|timeout exceeded when trying to connect|not queryable|Client was closed/i;

const codeOf = (e: unknown): string => String((e as { code?: unknown } | null)?.code ?? '');

export const isUnreachable = (e: unknown): boolean => {
  const code = codeOf(e);
  return UNREACHABLE_SQLSTATE.test(code) || UNREACHABLE_NODE.has(code) || UNREACHABLE_MESSAGE.test(errorMessage(e));
};

/** Words for /health and the 503: the kind of fault only, never a statement or its values. */
const describe = (e: unknown): string => {
  const code = codeOf(e);
  if (code === '25006') return 'PostgreSQL takes no writes (a read-only standby?)';
  if (code === '57014' || code === '55P03' || /timeout/i.test(errorMessage(e))) return 'PostgreSQL did not answer within its deadline';
  return `PostgreSQL cannot be reached (${code || errorMessage(e)})`;
};

/**
 * What the PostgreSQL store knows of its database, for /health: set by every statement that
 * fails for want of the database, cleared by every one that succeeds, and looked at again by a
 * probe with its own deadline, so that /health sees an outage (and its end) while nothing is written.
 * An unreachable database is `unwritable` (commands 503), a full disk `disk_full` (507).
 */
export class PostgresCondition {
  private problem: Exclude<StoreCondition, { status: 'ok' }> | null = null;
  private timer?: NodeJS.Timeout;
  private probing = false;

  constructor(private readonly probe: () => Promise<void>) {}

  current(): StoreCondition {
    return this.problem ?? { status: 'ok' };
  }

  answered(): void {
    this.problem = null;
  }

  /**
   * The error in the ledger's terms: STORE.UNAVAILABLE or STORE.DISK_FULL, and the condition set;
   * `maybeWritten` when the connection went while a COMMIT was on its way (its outcome unknown).
   * Any other error (a bug, a constraint) is given back as it is.
   */
  failed(e: unknown, maybeWritten = false): unknown {
    if (e instanceof DomainError) return e;
    if (codeOf(e) === DISK_FULL) {
      this.problem = { status: 'disk_full', reason: 'the disk holding the PostgreSQL database is full' };
      return diskFull();
    }
    if (!isUnreachable(e)) return e;
    const reason = describe(e);
    this.problem = { status: 'unwritable', reason };
    if (!maybeWritten) return unavailable(reason);
    return new DomainError(
      'STORE.UNAVAILABLE',
      `the ledger cannot tell whether this command was recorded: ${reason} while it committed. Repeat it with the same Idempotency-Key: it is recorded once.`,
      [{ problem: reason }],
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
