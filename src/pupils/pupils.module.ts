import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { QueriesModule } from '../queries/queries.module';
import { DestroyDossierController } from './destroy-dossier/destroy-dossier.controller';
import { DestroyDossierHandler } from './destroy-dossier/destroy-dossier.command';
import { DossierShredder } from './dossier-shredder';
import { EnrolPupilController } from './enrol-pupil/enrol-pupil.controller';
import { EnrolPupilHandler } from './enrol-pupil/enrol-pupil.command';
import { ConsentExpiryScheduler } from './expire-consents/consent-expiry.scheduler';
import { GiveConsentController } from './give-consent/give-consent.controller';
import { GiveConsentHandler } from './give-consent/give-consent.command';
import { PupilLedger } from './pupil-ledger';
import { RecordDepartureController } from './record-departure/record-departure.controller';
import { RecordDepartureHandler } from './record-departure/record-departure.command';
import { RefuseConsentController } from './refuse-consent/refuse-consent.controller';
import { RefuseConsentHandler } from './refuse-consent/refuse-consent.command';
import { WithdrawConsentController } from './withdraw-consent/withdraw-consent.controller';
import { WithdrawConsentHandler } from './withdraw-consent/withdraw-consent.command';

/**
 * The pupil's stream: enrolment, consents, refusals, withdrawals, departure, destruction, and the
 * expiry pass (which finds due consents through the read models). Exports the pupil's commands for the sharing.
 */
@Module({
  imports: [CatalogueModule, QueriesModule],
  controllers: [
    EnrolPupilController,
    GiveConsentController,
    RefuseConsentController,
    WithdrawConsentController,
    RecordDepartureController,
    DestroyDossierController,
  ],
  providers: [
    PupilLedger,
    DossierShredder,
    ConsentExpiryScheduler,
    EnrolPupilHandler,
    GiveConsentHandler,
    RefuseConsentHandler,
    WithdrawConsentHandler,
    RecordDepartureHandler,
    DestroyDossierHandler,
  ],
  exports: [PupilLedger],
})
export class PupilsModule {}
