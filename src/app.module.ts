import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { ThrottlerStorageService } from '@nestjs/throttler';
import { AuditController } from './audit/audit.controller';
import { RelayService } from './publishing/relay.service';
import { ConsentExpiryScheduler } from './pupils/expire-consents/consent-expiry.scheduler';
import { ApiKeys } from './auth/api-keys';
import { AuthGuard } from './auth/auth.guard';
import { WrongKeyThrottle } from './auth/wrong-key-throttle';
import { LedgerConfig } from './config/ledger-config';
import { ErrorFilter } from './http/error.filter';
import { LedgerModule } from './ledger.module';
import { ledgerLog, type LedgerLog } from './logging/ledger-log';
import { LoggingModule } from './logging/logging.module';
import { ConcludeAgreementController } from './recipients/conclude-agreement/conclude-agreement.controller';
import { ConcludeAgreementHandler } from './recipients/conclude-agreement/conclude-agreement.command';
import { EndAgreementController } from './recipients/end-agreement/end-agreement.controller';
import { EndAgreementHandler } from './recipients/end-agreement/end-agreement.command';
import { RecipientLedger } from './recipients/recipient-ledger';
import { RegisterRecipientController } from './recipients/register-recipient/register-recipient.controller';
import { RegisterRecipientHandler } from './recipients/register-recipient/register-recipient.command';
import { DestroyDossierController } from './pupils/destroy-dossier/destroy-dossier.controller';
import { DestroyDossierHandler } from './pupils/destroy-dossier/destroy-dossier.command';
import { DossierShredder } from './pupils/dossier-shredder';
import { EnrolPupilController } from './pupils/enrol-pupil/enrol-pupil.controller';
import { EnrolPupilHandler } from './pupils/enrol-pupil/enrol-pupil.command';
import { GiveConsentController } from './pupils/give-consent/give-consent.controller';
import { GiveConsentHandler } from './pupils/give-consent/give-consent.command';
import { PupilLedger } from './pupils/pupil-ledger';
import { RecordDepartureController } from './pupils/record-departure/record-departure.controller';
import { RecordDepartureHandler } from './pupils/record-departure/record-departure.command';
import { RefuseConsentController } from './pupils/refuse-consent/refuse-consent.controller';
import { RefuseConsentHandler } from './pupils/refuse-consent/refuse-consent.command';
import { WithdrawConsentController } from './pupils/withdraw-consent/withdraw-consent.controller';
import { WithdrawConsentHandler } from './pupils/withdraw-consent/withdraw-consent.command';
import { ConsentReceiptController } from './queries/consent-receipt/consent-receipt.controller';
import { ExportPupilController } from './queries/export-pupil/export-pupil.controller';
import { ConsentCheckController } from './queries/consent-check/consent-check.controller';
import { EventsFeedController } from './queries/events-feed/events-feed.controller';
import { GetAccessController } from './queries/get-access/get-access.controller';
import { GetConsentsController } from './queries/get-consents/get-consents.controller';
import { GetHistoryController } from './queries/get-history/get-history.controller';
import { HealthController } from './queries/health/health.controller';
import { LedgerHealth } from './queries/health/ledger-health';
import { PurposesController } from './queries/purposes/purposes.controller';
import { DefinePurposeController } from './catalogue/define-purpose/define-purpose.controller';
import { DefinePurposeHandler } from './catalogue/define-purpose/define-purpose.command';
import { PurposeCatalogueLedger } from './catalogue/purpose-catalogue-ledger';
import { PurposeCatalogueProvider } from './catalogue/purpose-catalogue';
import { ReadModels } from './queries/read-models';
import { ReportsController } from './queries/reports/reports.controller';
import { ReportsService } from './queries/reports/reports.service';
import { AccessService } from './queries/get-access/access.service';
import { ConsentCheckService } from './queries/consent-check/consent-check.service';
import { ConsentsService } from './queries/get-consents/consents.service';
import { HistoryService } from './queries/get-history/history.service';
import { ExportService } from './queries/export-pupil/export.service';
import { ShareDataController } from './sharing/share-data/share-data.controller';
import { ShareDataHandler } from './sharing/share-data/share-data.command';
import { DataSharing } from './sharing/data-sharing';
import { ListReadsController } from './reads/list-reads/list-reads.controller';
import { CommandMetricsInterceptor } from './metrics/command-metrics.interceptor';
import { LedgerMetrics } from './metrics/ledger-metrics';
import { MetricsController } from './metrics/metrics.controller';
import { SchoolRegister } from './schools/school-register';
import { PersonalDataReads } from './reads/personal-data-reads';
import { UI_PAGES } from './ui/ui-pages';
import { auditProvider } from './store/postgres/shared/shared-audit.provider';

const commands = {
  controllers: [
    EnrolPupilController,
    GiveConsentController,
    RefuseConsentController,
    WithdrawConsentController,
    RecordDepartureController,
    DestroyDossierController,
    RegisterRecipientController,
    ConcludeAgreementController,
    EndAgreementController,
    ShareDataController,
    DefinePurposeController,
  ],
  handlers: [
    EnrolPupilHandler,
    GiveConsentHandler,
    RefuseConsentHandler,
    WithdrawConsentHandler,
    RecordDepartureHandler,
    DestroyDossierHandler,
    RegisterRecipientHandler,
    ConcludeAgreementHandler,
    EndAgreementHandler,
    ShareDataHandler,
    DefinePurposeHandler,
  ],
};

/** The query side's services, which the API's controllers and the pages read through alike. */
const queryServices = [ReadModels, ConsentsService, AccessService, ConsentCheckService, ReportsService, HistoryService, ExportService];

const queries = [
  GetConsentsController,
  GetHistoryController,
  ExportPupilController,
  ConsentReceiptController,
  GetAccessController,
  ConsentCheckController,
  ReportsController,
  EventsFeedController,
  AuditController,
  PurposesController,
  HealthController,
  ListReadsController,
  MetricsController,
];

@Module({})
export class AppModule {
  /** Configuration comes in from the outside, so tests run the very same module on their own files. */
  static with(config: LedgerConfig, keys: ApiKeys, log: LedgerLog = ledgerLog(config.logLevel)): DynamicModule {
    return {
      module: AppModule,
      imports: [CqrsModule.forRoot(), LoggingModule.with(log), LedgerModule.with(config)],
      controllers: [...commands.controllers, ...queries, ...UI_PAGES.controllers],
      providers: [
        { provide: ApiKeys, useValue: keys },
        ThrottlerStorageService,
        {
          provide: WrongKeyThrottle,
          inject: [ThrottlerStorageService],
          useFactory: (storage: ThrottlerStorageService) => new WrongKeyThrottle(storage, { limit: config.wrongKeysPerMinute, windowMs: 60_000 }),
        },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
        { provide: APP_INTERCEPTOR, useClass: CommandMetricsInterceptor },
        LedgerMetrics,
        { provide: SchoolRegister, useFactory: () => SchoolRegister.load(config.schoolsFile) },
        PupilLedger,
        DossierShredder,
        RecipientLedger,
        DataSharing,
        PurposeCatalogueProvider,
        PurposeCatalogueLedger,
        ...queryServices,
        auditProvider(config),
        RelayService,
        ConsentExpiryScheduler,
        LedgerHealth,
        PersonalDataReads,
        ...commands.handlers,
        ...UI_PAGES.providers,
      ],
    };
  }
}
