import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { AuditModule } from './audit/audit.module';
import type { ApiKeys } from './auth/api-keys';
import { AuthModule } from './auth/auth.module';
import { CatalogueModule } from './catalogue/catalogue.module';
import type { LedgerConfig } from './config/ledger-config';
import { ErrorFilter } from './http/error.filter';
import { LedgerModule } from './ledger.module';
import { ledgerLog, type LedgerLog } from './logging/ledger-log';
import { LoggingModule } from './logging/logging.module';
import { MetricsModule } from './metrics/metrics.module';
import { PublishingModule } from './publishing/publishing.module';
import { PupilsModule } from './pupils/pupils.module';
import { QueriesModule } from './queries/queries.module';
import { ReadsModule } from './reads/reads.module';
import { RecipientsModule } from './recipients/recipients.module';
import { SharingModule } from './sharing/sharing.module';
import { UiModule } from './ui/ui.module';

/**
 * The application: the ledger's infrastructure (store, keys, read models) and one module per
 * context, composed. Each context declares its own controllers, handlers and providers.
 */
@Module({})
export class AppModule {
  /** Configuration comes in from the outside, so tests run the very same module on their own files. */
  static with(config: LedgerConfig, keys: ApiKeys, log: LedgerLog = ledgerLog(config.logLevel)): DynamicModule {
    const auth = AuthModule.with(config, keys);
    const audit = AuditModule.with(config);
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        LoggingModule.with(log),
        LedgerModule.with(config),
        auth,
        CatalogueModule,
        PupilsModule,
        RecipientsModule,
        SharingModule,
        QueriesModule,
        ReadsModule,
        audit,
        PublishingModule,
        MetricsModule,
        UiModule.with({ auth, audit }),
      ],
      providers: [{ provide: APP_FILTER, useClass: ErrorFilter }],
    };
  }
}
