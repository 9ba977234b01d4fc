import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Allow, SchoolsOfKey } from '../../auth/auth.guard';
import type { Schools } from '../../ledger/domain/school-scope';
import { ACCESS } from '../../auth/roles';
import { IdField } from '../../http/dto-fields';
import { AtQuery } from '../query-fields';
import { AccessService } from './access.service';

export class AccessQuery extends AtQuery {
  @IdField('the pupil whose recipients to list (or give recipientId)', true)
  pupilId?: string;

  @IdField('the recipient whose pupils to list (or give pupilId)', true)
  recipientId?: string;
}

@ApiTags('access')
@ApiBearerAuth()
@Controller('access')
export class GetAccessController {
  constructor(private readonly accessOf: AccessService) {}

  /** "Who could see what, when": for a pupil its recipients, for a recipient its pupils, at a moment. */
  @Get()
  @Allow(ACCESS.access)
  access(@Query() q: AccessQuery, @SchoolsOfKey() schools: Schools) {
    return this.accessOf.at(q, schools);
  }
}
