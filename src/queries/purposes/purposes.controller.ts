import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.guard';
import { ACCESS } from '../../auth/roles';
import { PurposeCatalogueProvider } from '../../catalogue/purpose-catalogue';
import { DATA_CATEGORIES } from '../../ledger/domain/purposes';

@ApiTags('purposes')
@ApiBearerAuth()
@Controller('purposes')
export class PurposesController {
  constructor(private readonly catalogue: PurposeCatalogueProvider) {}

  /** The defaults (DESIGN's table) first, then the board's own purposes in the order they were defined. */
  @Get()
  @Allow(ACCESS.purposes)
  async purposes() {
    return { purposes: [...(await this.catalogue.refresh()).values()], dataCategories: DATA_CATEGORIES };
  }
}
