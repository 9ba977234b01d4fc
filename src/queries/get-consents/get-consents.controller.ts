import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PupilParams } from '../../http/path-params';
import { Allow, SchoolsOfKey } from '../../auth/auth.guard';
import type { Schools } from '../../ledger/domain/school-scope';
import { ACCESS } from '../../auth/roles';
import { InstantField } from '../../http/dto-fields';
import { AtQuery } from '../query-fields';
import { ConsentsService } from './consents.service';

export class ConsentsQuery extends AtQuery {
  @InstantField('record time: answer with only what the ledger had recorded by then; everything when absent')
  knownAt?: string;
}

@ApiTags('consents')
@ApiBearerAuth()
@Controller('pupils/:pupilId/consents')
export class GetConsentsController {
  constructor(private readonly consentsOf: ConsentsService) {}

  /** Bitemporal: `at` is business time, `knownAt` record time; both default to now. */
  @Get()
  @Allow(ACCESS.consents)
  consents(@Param() { pupilId }: PupilParams, @Query() q: ConsentsQuery, @SchoolsOfKey() schools: Schools) {
    return this.consentsOf.asOf(pupilId, q, schools);
  }
}
