import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { ConcludeAgreementController } from './conclude-agreement/conclude-agreement.controller';
import { ConcludeAgreementHandler } from './conclude-agreement/conclude-agreement.command';
import { EndAgreementController } from './end-agreement/end-agreement.controller';
import { EndAgreementHandler } from './end-agreement/end-agreement.command';
import { RecipientLedger } from './recipient-ledger';
import { RegisterRecipientController } from './register-recipient/register-recipient.controller';
import { RegisterRecipientHandler } from './register-recipient/register-recipient.command';

/** The recipients' register: registration and processor agreements, concluded and ended. */
@Module({
  imports: [CatalogueModule],
  controllers: [RegisterRecipientController, ConcludeAgreementController, EndAgreementController],
  providers: [RecipientLedger, RegisterRecipientHandler, ConcludeAgreementHandler, EndAgreementHandler],
})
export class RecipientsModule {}
