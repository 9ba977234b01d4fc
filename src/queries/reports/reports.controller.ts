import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { boardReport, defaultScope } from '../../../projections/board-report';
import { worksCouncilReport, worksCouncilScope } from '../../../projections/works-council-report';
import { Allow, SchoolsOfKey } from '../../auth/auth.guard';
import { ACCESS } from '../../auth/roles';
import { IdField, InstantField } from '../../http/dto-fields';
import { Clock } from '../../ledger/command-handling/clock';
import { refuse } from '../../ledger/domain/errors';
import { DEFAULT_CATALOGUE } from '../../ledger/domain/purposes';
import { type Schools, serves } from '../../ledger/domain/school-scope';
import { parseTimeField } from '../../ledger/domain/time';
import { ReadModels } from '../read-models';

export class ReportQuery {
  @IdField('one school; every school of the board when absent', true)
  schoolId?: string;

  @InstantField('start of the period; the start of the current school year when absent')
  from?: string;

  @InstantField('end of the period; now when absent')
  to?: string;
}

export class BoardReportQuery extends ReportQuery {
  @InstantField('record time: count only what the ledger had recorded by then; everything when absent')
  knownAt?: string;
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly models: ReadModels,
    private readonly clock: Clock,
  ) {}

  /** A key per school reports on its schools only; naming another school is 404. */
  private async servedPupils(q: ReportQuery, schools: Schools) {
    if (q.schoolId !== undefined && !serves(schools, q.schoolId)) refuse('SCHOOL.NOT_FOUND', `school ${q.schoolId} is not served by this API key`);
    await this.models.sync();
    return this.models.pupils().filter((p) => serves(schools, p.schoolId));
  }

  /** Exact figures for the board, over the period asked, as known now or at `knownAt`. */
  @Get('board')
  @Allow(ACCESS.boardReport)
  async boardReport(@Query() q: BoardReportQuery, @SchoolsOfKey() schools: Schools) {
    const pupils = await this.servedPupils(q, schools);
    const scope = defaultScope({ schoolId: q.schoolId, from: q.from && parseTimeField('from', q.from), to: q.to && parseTimeField('to', q.to) }, this.clock.now());
    const knownAt = q.knownAt && parseTimeField('knownAt', q.knownAt);
    const report = boardReport(pupils, this.models.allSharings(), DEFAULT_CATALOGUE, { ...scope, knownAt }, this.models.recipients());
    return knownAt ? { ...report, knownAt } : report;
  }

  /**
   * Rule 9: whole school years (`from`/`to` widened, named in `schoolYears`), counted and known as of
   * the end of the last whole month (`asOf`), no pupil id, counts 1–4 as {"suppressed": true}, the
   * others rounded to the nearest 5, rates in whole percents.
   */
  @Get('works-council')
  @Allow(ACCESS.worksCouncilReport)
  async worksCouncil(@Query() q: ReportQuery, @SchoolsOfKey() schools: Schools) {
    const pupils = await this.servedPupils(q, schools);
    const scope = worksCouncilScope({ schoolId: q.schoolId, from: q.from && parseTimeField('from', q.from), to: q.to && parseTimeField('to', q.to) }, this.clock.now());
    return worksCouncilReport(boardReport(pupils, this.models.allSharings(), DEFAULT_CATALOGUE, scope.board, this.models.recipients()), scope);
  }
}
