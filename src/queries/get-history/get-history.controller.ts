import { Controller, Get, Inject, Param, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthedRequest } from '../../auth/auth.guard';
import { PupilParams } from '../../http/path-params';
import { Allow } from '../../auth/auth.guard';
import { ACCESS, SEES_PERSONAL_DATA } from '../../auth/roles';
import { PERSONAL_DATA, PersonalData } from '../../personal-data/personal-data';
import { ReadModels } from '../read-models';

@ApiTags('pupils')
@ApiBearerAuth()
@Controller('pupils/:pupilId/history')
export class GetHistoryController {
  constructor(
    private readonly models: ReadModels,
    @Inject(PERSONAL_DATA) private readonly personal: PersonalData,
  ) {}

  /**
   * Every event about the pupil. Personal fields are opened for the roles that may see them; after
   * destruction each shows a `shredded` marker instead, never an error or the old value.
   */
  @Get()
  @Allow(ACCESS.history)
  async history(@Param() { pupilId }: PupilParams, @Req() req: AuthedRequest) {
    await this.models.sync();
    this.models.knownPupil(pupilId);
    const sees = SEES_PERSONAL_DATA.includes(req.holder!.role);
    const events = this.models.history(pupilId).map((e) => ({
      ...e,
      data: sees ? this.personal.reveal(pupilId, e.data) : PersonalData.conceal(e.data),
    }));
    return { pupilId, events };
  }
}
