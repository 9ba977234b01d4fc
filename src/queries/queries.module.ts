import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { PublishingModule } from '../publishing/publishing.module';
import { ReadsModule } from '../reads/reads.module';
import { SchoolsModule } from '../schools/schools.module';
import { ConsentCheckController } from './consent-check/consent-check.controller';
import { ConsentCheckService } from './consent-check/consent-check.service';
import { ConsentReceiptController } from './consent-receipt/consent-receipt.controller';
import { EventsFeedController } from './events-feed/events-feed.controller';
import { ExportPupilController } from './export-pupil/export-pupil.controller';
import { ExportService } from './export-pupil/export.service';
import { AccessService } from './get-access/access.service';
import { GetAccessController } from './get-access/get-access.controller';
import { ConsentsService } from './get-consents/consents.service';
import { GetConsentsController } from './get-consents/get-consents.controller';
import { GetHistoryController } from './get-history/get-history.controller';
import { HistoryService } from './get-history/history.service';
import { HealthController } from './health/health.controller';
import { LedgerHealth } from './health/ledger-health';
import { PurposesController } from './purposes/purposes.controller';
import { ReadModels } from './read-models';
import { ReportsController } from './reports/reports.controller';
import { ReportsService } from './reports/reports.service';

/** The query services, which the API's controllers and the pages read through alike. */
const services = [ReadModels, ConsentsService, AccessService, ConsentCheckService, ReportsService, HistoryService, ExportService];

/** The query side: every GET of the API over the read models and the streams, and the health check. */
@Module({
  imports: [CatalogueModule, PublishingModule, ReadsModule, SchoolsModule],
  controllers: [
    GetConsentsController,
    GetHistoryController,
    ExportPupilController,
    ConsentReceiptController,
    GetAccessController,
    ConsentCheckController,
    ReportsController,
    EventsFeedController,
    PurposesController,
    HealthController,
  ],
  providers: [...services, LedgerHealth],
  exports: services,
})
export class QueriesModule {}
