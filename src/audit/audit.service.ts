import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LedgerConfig } from '../config/ledger-config';
import { Clock } from '../ledger/command-handling/clock';
import { EVENT_STORE, type EventStore } from '../store/event-store.port';
import { SqliteAuditLog } from '../store/sqlite-audit-log';
import { diskFullOr, unavailable } from '../store/store-guard';
import { DataDirectoryError } from '../store/data-directory';
import { AuditTrail } from './audit-trail';
import { loadOrCreateSigningKey } from './checkpoint';
import { KEPT_CHECKPOINT_FILE, keptInDataDir } from './kept-checkpoint';
import { errorMessage } from '../ledger/domain/errors';

/** The running ledger's audit trail: seals the log on a schedule and at shutdown. */
@Injectable()
export class AuditService implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('audit');
  private readonly auditLog: SqliteAuditLog;
  readonly trail: AuditTrail;
  readonly publicKeyPem: string;
  private timer?: NodeJS.Timeout;
  private readonly minutes: number;

  constructor(
    config: LedgerConfig,
    private readonly clock: Clock,
    // Injected so the store has made its file before the audit log opens it.
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {
    const keys = loadOrCreateSigningKey(config.dataDir);
    this.publicKeyPem = readFileSync(keys.publicKeyFile, 'utf8');
    this.auditLog = new SqliteAuditLog(join(config.dataDir, 'events.db'));
    this.trail = new AuditTrail(this.auditLog, keys, config.dataDir);
    this.minutes = config.checkpointMinutes;
    this.refuseARolledBackLog(config.dataDir);
  }

  /** A log that no longer reaches its last seal was rolled back, replaced or emptied while the ledger was stopped. */
  private refuseARolledBackLog(dataDir: string): void {
    const kept = keptInDataDir(dataDir)?.checkpoint;
    if (!kept || kept.events === 0 || this.auditLog.holds(kept.position)) return;
    this.auditLog.close();
    throw new DataDirectoryError(
      `${join(dataDir, 'events.db')} no longer reaches position ${kept.position}, up to which the ledger sealed it (${kept.events} events) ` +
        `on ${kept.createdAt} (${KEPT_CHECKPOINT_FILE}): the log was rolled back, replaced or emptied while the ledger was stopped. ` +
        `Put the log back, or restore a backup with ledger restore (which brings the backup's own seal); then start again.`,
    );
  }

  onModuleInit(): void {
    if (this.minutes > 0) {
      this.timer = setInterval(() => this.sealOnSchedule(), this.minutes * 60_000);
      this.timer.unref();
    }
  }

  /** Seals the log now. Throws STORE.UNAVAILABLE while events.db is no longer the file at its path. */
  seal() {
    this.refuseIfLost();
    try {
      const cp = this.trail.checkpoint(this.clock.now());
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
    const c = this.store.condition();
    if (c.status === 'lost') throw unavailable(c.reason);
  }

  /** A schedule that fails says so and tries again at its next turn; it never ends the process. */
  private sealOnSchedule(): void {
    try {
      this.seal();
    } catch (e) {
      this.log.warn(`the scheduled checkpoint failed: ${errorMessage(e)}`);
    }
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    try {
      this.sealOnSchedule();
    } finally {
      this.auditLog.close();
    }
  }
}
