import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { consentsAsOf } from '../../../projections/consents.view';
import { PupilParams } from '../../http/path-params';
import { Allow, SchoolsOfKey } from '../../auth/auth.guard';
import type { Schools } from '../../ledger/domain/school-scope';
import { ACCESS } from '../../auth/roles';
import { InstantField } from '../../http/dto-fields';
import { Clock } from '../../ledger/command-handling/clock';
import { DEFAULT_CATALOGUE } from '../../ledger/domain/purposes';
import { parseTimeField } from '../../ledger/domain/time';
import { AtQuery } from '../query-fields';
import { ReadModels } from '../read-models';

export class ConsentsQuery extends AtQuery {
  @InstantField('record time: answer with only what the ledger had recorded by then; everything when absent')
  knownAt?: string;
}

@ApiTags('consents')
@ApiBearerAuth()
@Controller('pupils/:pupilId/consents')
export class GetConsentsController {
  constructor(
    private readonly models: ReadModels,
    private readonly clock: Clock,
  ) {}

  /** Bitemporal: `at` is business time, `knownAt` record time; both default to now. */
  @Get()
  @Allow(ACCESS.consents)
  async consents(@Param() { pupilId }: PupilParams, @Query() q: ConsentsQuery, @SchoolsOfKey() schools: Schools) {
    await this.models.sync();
    const pupil = this.models.knownPupil(pupilId, schools);
    const now = this.clock.now();
    const at = q.at ? parseTimeField('at', q.at) : now;
    const knownAt = q.knownAt ? parseTimeField('knownAt', q.knownAt) : now;
    return { pupilId, at, knownAt, consents: consentsAsOf(pupil, DEFAULT_CATALOGUE, { at, knownAt }) };
  }
}
