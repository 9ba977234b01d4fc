import { Controller, Get, Inject, Param, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { historyOf } from '../../../projections/pupil-history.view';
import type { AuthedRequest } from '../../auth/auth.guard';
import { Allow, SchoolsOfKey } from '../../auth/auth.guard';
import { ACCESS, SEES_PERSONAL_DATA } from '../../auth/roles';
import { PupilParams } from '../../http/path-params';
import type { Schools } from '../../ledger/domain/school-scope';
import { PERSONAL_DATA, PersonalData } from '../../personal-data/personal-data';
import { PersonalDataReads } from '../../reads/personal-data-reads';
import { EVENT_STORE, type EventStore } from '../../store/event-store.port';
import { servedPupilStream } from '../served-stream';

@ApiTags('pupils')
@ApiBearerAuth()
@Controller('pupils/:pupilId/history')
export class GetHistoryController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PERSONAL_DATA) private readonly personal: PersonalData,
    private readonly reads: PersonalDataReads,
  ) {}

  /**
   * Every event about the pupil, from the pupil's own stream. Personal fields are opened for the
   * roles that may see them; after destruction each shows a `shredded` marker instead, never an
   * error or the old value. A read with names is recorded first (GET /pupils/{id}/reads).
   * @throws READS.NOT_RECORDED (503) when that record cannot be written: nothing is shown
   */
  @Get()
  @Allow(ACCESS.history)
  async history(@Param() { pupilId }: PupilParams, @Req() req: AuthedRequest, @SchoolsOfKey() schools: Schools) {
    const events = await servedPupilStream(this.store, pupilId, schools);
    const sees = SEES_PERSONAL_DATA.includes(req.holder!.role);
    if (sees) await this.reads.record(pupilId, events[0].metadata.schoolId, 'history', req.holder!);
    const lines = historyOf(events).map((e) => ({
      ...e,
      data: sees ? this.personal.reveal(pupilId, e.data) : PersonalData.conceal(e.data),
    }));
    return { pupilId, events: lines };
  }
}
