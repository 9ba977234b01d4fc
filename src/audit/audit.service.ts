import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LedgerConfig } from '../config/ledger-config';
import { Clock } from '../ledger/command-handling/clock';
import { AUDIT_LOG, type AuditLog } from '../core/ports/audit-log.port';
import { diskFullOr, unavailable } from '../core/store-errors';
import { AuditTrail } from './audit-trail';
import { loadOrCreateSigningKey } from './checkpoint';
import { KEPT_CHECKPOINT_FILE, keptInDataDir } from './kept-checkpoint';
import { errorMessage } from '../ledger/domain/errors';

/** The log no longer reaches the ledger's own last seal: it does not start on it. */
export class LogRolledBack extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LogRolledBack';
  }
}

/** The running ledger's audit trail, over its store's audit log: seals the log on a schedule and at shutdown. */
@Injectable()
export class AuditService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly log = new Logger('audit');
  readonly trail: AuditTrail;
  readonly publicKeyPem: string;
  private timer?: NodeJS.Timeout;
  private readonly minutes: number;
  private readonly dataDir: string;

  constructor(
    config: LedgerConfig,
    private readonly clock: Clock,
    @Inject(AUDIT_LOG) private readonly auditLog: AuditLog,
  ) {
    const keys = loadOrCreateSigningKey(config.dataDir);
    this.publicKeyPem = readFileSync(keys.publicKeyFile, 'utf8');
    this.trail = new AuditTrail(auditLog, keys, config.dataDir);
    this.minutes = config.checkpointMinutes;
    this.dataDir = config.dataDir;
  }

  /** A log that no longer reaches its last seal was rolled back, replaced or emptied while the ledger was stopped. */
  private async refuseARolledBackLog(): Promise<void> {
    const kept = keptInDataDir(this.dataDir)?.checkpoint;
    if (!kept || kept.events === 0 || (await this.auditLog.holds(kept.position))) return;
    throw new LogRolledBack(
      `${join(this.dataDir, 'events.db')} no longer reaches position ${kept.position}, up to which the ledger sealed it (${kept.events} events) ` +
        `on ${kept.createdAt} (${KEPT_CHECKPOINT_FILE}): the log was rolled back, replaced or emptied while the ledger was stopped. ` +
        `Put the log back, or restore a backup with ledger restore (which brings the backup's own seal); then start again.`,
    );
  }

  async onModuleInit(): Promise<void> {
    await this.refuseARolledBackLog();
    if (this.minutes > 0) {
      this.timer = setInterval(() => void this.sealOnSchedule(), this.minutes * 60_000);
      this.timer.unref();
    }
  }

  /** Seals the log now. Throws STORE.UNAVAILABLE while the log is no longer the one at its path, STORE.DISK_FULL without space. */
  async seal() {
    this.refuseIfLost();
    try {
      const cp = await this.trail.checkpoint(this.clock.now());
      this.log.log(`checkpoint at position ${cp.position} (${cp.events} events)`);
      return cp;
    } catch (e) {
      throw diskFullOr(e);
    }
  }

  /** Verifies the log; never over a file that is no longer the one at its path (it would say ok over what the path no longer holds). */
  verify() {
    this.refuseIfLost();
    return this.trail.verify();
  }

  private refuseIfLost(): void {
    const c = this.auditLog.condition();
    if (c.status === 'lost') throw unavailable(c.reason);
  }

  /** A schedule that fails says so and tries again at its next turn; it never ends the process. */
  private async sealOnSchedule(): Promise<void> {
    try {
      await this.seal();
    } catch (e) {
      this.log.warn(`the scheduled checkpoint failed: ${errorMessage(e)}`);
    }
  }

  /** The last seal, before any module closes the store it is kept in. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.sealOnSchedule();
  }
}
