import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Allow, SchoolsOfKey } from '../../auth/auth.guard';
import { ACCESS } from '../../auth/roles';
import { IdField, InstantField } from '../../http/dto-fields';
import type { Schools } from '../../ledger/domain/school-scope';
import { ReportsService } from './reports.service';

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
  constructor(private readonly reports: ReportsService) {}

  /** Exact figures for the board, over the period asked, as known now or at `knownAt`. A key per school reports on its schools only. */
  @Get('board')
  @Allow(ACCESS.boardReport)
  boardReport(@Query() q: BoardReportQuery, @SchoolsOfKey() schools: Schools) {
    return this.reports.board(q, schools);
  }

  /**
   * Rule 9: whole school years (`from`/`to` widened, named in `schoolYears`), counted and known as of
   * the end of the last whole month (`asOf`), no pupil id, counts 1–4 as {"suppressed": true}, the
   * others rounded to the nearest 5, rates in whole percents.
   */
  @Get('works-council')
  @Allow(ACCESS.worksCouncilReport)
  worksCouncil(@Query() q: ReportQuery, @SchoolsOfKey() schools: Schools) {
    return this.reports.worksCouncil(q, schools);
  }
}
