import { Logger, type Provider } from '@nestjs/common';
import { AuditService } from '../../../audit/audit.service';
import type { LedgerConfig } from '../../../config/ledger-config';
import { LEADERSHIP, type Leadership } from '../../../leadership/leadership';
import { Clock } from '../../../ledger/command-handling/clock';
import { PostgresAuditLog } from './postgres-audit-log';
import { SharedAudit } from './shared-audit';
import { sharedSigningKey } from './shared-signing-key';
import { SHARED_STATE, type SharedState } from './shared-state';

/**
 * The audit trail as the store selects it: AuditService over the embedded files, or SharedAudit
 * (the shared signing key and checkpoints in PostgreSQL) under the same token, whose controllers
 * await what it answers.
 */
export const auditProvider = (config: LedgerConfig): Provider =>
  config.store.kind === 'sqlite'
    ? AuditService
    : {
        provide: AuditService,
        inject: [SHARED_STATE, Clock, LEADERSHIP],
        useFactory: async (state: SharedState, clock: Clock, leadership: Leadership) => {
          const log = new Logger('audit');
          const audit = new SharedAudit({
            log: config.store.kind === 'postgres' ? new PostgresAuditLog(state) : null,
            keys: await sharedSigningKey(state),
            now: () => clock.now(),
            minutes: config.checkpointMinutes,
            leadership,
            log_: (line) => log.log(line),
          });
          await audit.start();
          return audit;
        },
      };
