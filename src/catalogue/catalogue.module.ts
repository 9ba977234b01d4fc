import { Module } from '@nestjs/common';
import { DefinePurposeController } from './define-purpose/define-purpose.controller';
import { DefinePurposeHandler } from './define-purpose/define-purpose.command';
import { PurposeCatalogueLedger } from './purpose-catalogue-ledger';
import { PurposeCatalogueProvider } from './purpose-catalogue';

/** The purpose catalogue: `POST /purposes`, and the one provider every command, query and page reads purposes through. */
@Module({
  controllers: [DefinePurposeController],
  providers: [PurposeCatalogueProvider, PurposeCatalogueLedger, DefinePurposeHandler],
  exports: [PurposeCatalogueProvider],
})
export class CatalogueModule {}
