import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { consentCheck } from '../../../projections/consents.view';
import { Allow, SchoolsOfKey } from '../../auth/auth.guard';
import type { Schools } from '../../ledger/domain/school-scope';
import { ACCESS } from '../../auth/roles';
import { IdsField, InstantField, TokenField } from '../../http/dto-fields';
import { Clock } from '../../ledger/command-handling/clock';
import { DEFAULT_CATALOGUE } from '../../ledger/domain/purposes';
import { refuse } from '../../ledger/domain/errors';
import { parseTimeField } from '../../ledger/domain/time';
import { ReadModels } from '../read-models';

export class ConsentCheckDto {
  @TokenField('the purpose to check, e.g. photo-website', false, 'photo-website')
  purpose!: string;

  @IdsField('the pupils in the photo, the class list, …')
  pupilIds!: string[];

  @InstantField('the moment to check; now when absent')
  at?: string;
}

@ApiTags('consents')
@ApiBearerAuth()
@Controller('consent-checks')
export class ConsentCheckController {
  constructor(
    private readonly models: ReadModels,
    private readonly clock: Clock,
  ) {}

  /** The group-photo check: may this class photo go on the website? Only `active` allows. Records nothing. */
  @Post()
  @HttpCode(200)
  @Allow(ACCESS.consentCheck)
  async check(@Body() dto: ConsentCheckDto, @SchoolsOfKey() schools: Schools) {
    if (!DEFAULT_CATALOGUE.has(dto.purpose))
      refuse('VALIDATION.INVALID', `purpose ${dto.purpose} is not in the catalogue`, [{ field: 'purpose', problem: 'must be a purpose from GET /purposes' }]);
    await this.models.sync();
    const at = dto.at ? parseTimeField('at', dto.at) : this.clock.now();
    // Another school's pupil is answered as one the ledger does not know.
    const results = dto.pupilIds.map((id) => consentCheck(id, this.models.pupil(id, schools), dto.purpose, at));
    return { purpose: dto.purpose, at, allowed: results.every((r) => r.allowed), results };
  }
}
