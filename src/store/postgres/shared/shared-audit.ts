import type { KeyObject } from 'node:crypto';
import { type SignedCheckpoint, signCheckpoint } from '../../../audit/checkpoint';
import { merkleRoot } from '../../../core/hash-chain';
import { verifyLog, type VerifyReport } from '../../../audit/verify-log';
import type { Leadership } from '../../../leadership/leadership';
import { errorMessage } from '../../../ledger/domain/errors';
import { unavailable } from '../../store-guard';
import type { PostgresAuditLog } from './postgres-audit-log';

export interface SharedAuditOptions {
  /** The log to seal and verify; null when it is not in PostgreSQL (EventStoreDB): `ledger verify` reads it there. */
  readonly log: PostgresAuditLog | null;
  readonly keys: { readonly privateKey: KeyObject; readonly publicKey: KeyObject; readonly publicKeyPem: string };
  readonly now: () => string;
  /** Minutes between scheduled seals by the lease holder; 0: none. */
  readonly minutes: number;
  readonly leadership: Leadership;
  readonly log_?: (line: string) => void;
}

/**
 * The audit trail of a shared store, with AuditService's surface (seal, verify, checkpoints, the
 * public key), each answering a promise. Any instance seals on request; on a schedule, only the
 * holder of the `checkpoint-signer` lease does. Every instance signs with the one shared key.
 */
export class SharedAudit {
  readonly publicKeyPem: string;
  readonly trail: { checkpoints(): Promise<SignedCheckpoint[]> };
  private timer?: NodeJS.Timeout;

  constructor(private readonly o: SharedAuditOptions) {
    this.publicKeyPem = o.keys.publicKeyPem;
    this.trail = { checkpoints: () => this.auditLog().checkpoints() };
  }

  /** Starts the schedule under the lease. */
  start(): Promise<void> {
    if (this.o.minutes <= 0 || !this.o.log) return Promise.resolve();
    return this.o.leadership.hold('checkpoint-signer', {
      start: () => {
        this.timer = setInterval(() => void this.sealOnSchedule(), this.o.minutes * 60_000);
        this.timer.unref();
      },
      stop: () => clearInterval(this.timer),
    });
  }

  private auditLog(): PostgresAuditLog {
    if (!this.o.log) throw unavailable('this ledger keeps its log in EventStoreDB: run ledger verify against it');
    return this.o.log;
  }

  /** Seals the log as it is now; a log that has not grown since the last seal keeps that one. */
  async seal(): Promise<SignedCheckpoint> {
    const log = this.auditLog();
    const { position, events, heads } = await log.heads();
    const latest = (await log.checkpoints()).at(-1);
    if (latest && latest.position === (position ?? '0') && latest.events === events) return latest;
    const cp = signCheckpoint(
      { position: position ?? '0', events, streams: heads.size, root: merkleRoot(heads), createdAt: this.o.now() },
      this.o.keys.privateKey,
    );
    await log.addCheckpoint(cp);
    this.o.log_?.(`checkpoint at position ${cp.position} (${cp.events} events)`);
    return cp;
  }

  async verify(): Promise<VerifyReport> {
    const log = this.auditLog();
    const [checkpoints, raw] = await Promise.all([log.checkpoints(), log.rawEvents()]);
    return verifyLog({ rawEvents: () => raw, checkpoints: () => checkpoints }, this.o.keys.publicKey);
  }

  private async sealOnSchedule(): Promise<void> {
    try {
      await this.seal();
    } catch (e) {
      this.o.log_?.(`the scheduled checkpoint failed: ${errorMessage(e)}`);
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /**
   * At shutdown the log is sealed as it is, as the embedded ledger's AuditService does: whichever
   * instance stops last leaves a checkpoint over everything (a log that has not grown keeps its seal).
   * Before the shared state's connections close (LedgerModule closes them at onApplicationShutdown).
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.stop();
    if (this.o.log) await this.sealOnSchedule();
  }
}
