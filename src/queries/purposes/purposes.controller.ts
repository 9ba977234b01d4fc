import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.guard';
import { ACCESS } from '../../auth/roles';
import { DATA_CATEGORIES, DEFAULT_PURPOSES } from '../../ledger/domain/purposes';

@ApiTags('purposes')
@ApiBearerAuth()
@Controller('purposes')
export class PurposesController {
  @Get()
  @Allow(ACCESS.purposes)
  purposes() {
    return { purposes: DEFAULT_PURPOSES, dataCategories: DATA_CATEGORIES };
  }
}
