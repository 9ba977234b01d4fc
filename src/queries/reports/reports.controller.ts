import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { boardReport, defaultScope } from '../../../projections/board-report';
import { worksCouncilReport } from '../../../projections/works-council-report';
import { Allow } from '../../auth/auth.guard';
import { ACCESS } from '../../auth/roles';
import { IdField, InstantField } from '../../http/dto-fields';
import { Clock } from '../../ledger/command-handling/clock';
import { DEFAULT_CATALOGUE } from '../../ledger/domain/purposes';
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

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly models: ReadModels,
    private readonly clock: Clock,
  ) {}

  private async board(q: ReportQuery) {
    await this.models.sync();
    const scope = defaultScope({ schoolId: q.schoolId, from: q.from && parseTimeField('from', q.from), to: q.to && parseTimeField('to', q.to) }, this.clock.now());
    return boardReport(this.models.pupils(), this.models.allSharings(), DEFAULT_CATALOGUE, scope, this.models.recipients());
  }

  @Get('board')
  @Allow(ACCESS.boardReport)
  boardReport(@Query() q: ReportQuery) {
    return this.board(q);
  }

  /** Aggregates only: no pupil id, and counts from 1 to 4 shown as {"suppressed": true}. */
  @Get('works-council')
  @Allow(ACCESS.worksCouncilReport)
  async worksCouncil(@Query() q: ReportQuery) {
    return worksCouncilReport(await this.board(q));
  }
}
