import { Controller, Get, Param, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthedRequest } from '../../auth/auth.guard';
import { Allow, SchoolsOfKey } from '../../auth/auth.guard';
import { ACCESS } from '../../auth/roles';
import { PupilParams } from '../../http/path-params';
import type { Schools } from '../../ledger/domain/school-scope';
import { HistoryService } from './history.service';

@ApiTags('pupils')
@ApiBearerAuth()
@Controller('pupils/:pupilId/history')
export class GetHistoryController {
  constructor(private readonly historyOf: HistoryService) {}

  /**
   * Every event about the pupil, from the pupil's own stream. Personal fields are opened for the
   * roles that may see them; after destruction each shows a `shredded` marker instead, never an
   * error or the old value. A read with names is recorded first (GET /pupils/{id}/reads).
   * @throws READS.NOT_RECORDED (503) when that record cannot be written: nothing is shown
   */
  @Get()
  @Allow(ACCESS.history)
  history(@Param() { pupilId }: PupilParams, @Req() req: AuthedRequest, @SchoolsOfKey() schools: Schools) {
    return this.historyOf.of(pupilId, req.holder!, schools);
  }
}
