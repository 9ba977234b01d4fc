import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { accessAt } from '../../../projections/access.view';
import { Allow, SchoolsOfKey } from '../../auth/auth.guard';
import type { Schools } from '../../ledger/domain/school-scope';
import { ACCESS } from '../../auth/roles';
import { IdField } from '../../http/dto-fields';
import { Clock } from '../../ledger/command-handling/clock';
import { refuse } from '../../ledger/domain/errors';
import { parseTimeField } from '../../ledger/domain/time';
import { PERSONAL_DATA, type PersonalData } from '../../personal-data/personal-data';
import { AtQuery } from '../query-fields';
import { ReadModels } from '../read-models';

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
  constructor(
    private readonly models: ReadModels,
    private readonly clock: Clock,
    @Inject(PERSONAL_DATA) private readonly personal: PersonalData,
  ) {}

  /** "Who could see what, when": for a pupil its recipients, for a recipient its pupils, at a moment. */
  @Get()
  @Allow(ACCESS.access)
  async access(@Query() q: AccessQuery, @SchoolsOfKey() schools: Schools) {
    if ((q.pupilId === undefined) === (q.recipientId === undefined))
      refuse('VALIDATION.INVALID', 'name exactly one of pupilId and recipientId', [
        { field: q.pupilId ? 'recipientId' : 'pupilId', problem: 'give exactly one of pupilId and recipientId' },
      ]);
    await this.models.sync();
    const at = q.at ? parseTimeField('at', q.at) : this.clock.now();
    let lines;
    if (q.pupilId) {
      this.models.knownPupil(q.pupilId, schools);
      lines = this.models.sharingsOfPupil(q.pupilId);
    } else {
      if (!this.models.recipient(q.recipientId!)) refuse('RECIPIENT.NOT_FOUND', `recipient ${q.recipientId} is not registered`);
      // A recipient belongs to the board; the pupils it received are listed only for the key's schools.
      lines = this.models.sharingsOfRecipient(q.recipientId!).filter((l) => this.models.pupil(l.pupilId, schools));
    }
    const access = accessAt(lines, (id) => this.models.pupil(id), (id) => this.models.recipient(id), at).map((l) => ({
      ...l,
      legalReference: this.personal.withhold(l.pupilId, l.legalReference),
    }));
    return { at, access };
  }
}
