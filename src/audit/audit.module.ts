import { type DynamicModule, Module } from '@nestjs/common';
import type { LedgerConfig } from '../config/ledger-config';
import { auditProvider } from '../store/postgres/shared/shared-audit.provider';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';

/**
 * The audit trail as the store selects it (embedded files, or shared in PostgreSQL) and its routes.
 * Made once by the application module and imported as that one value by whoever reads the trail.
 */
@Module({})
export class AuditModule {
  static with(config: LedgerConfig): DynamicModule {
    return { module: AuditModule, controllers: [AuditController], providers: [auditProvider(config)], exports: [AuditService] };
  }
}
