import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Allow, SchoolsOfKey } from '../../auth/auth.guard';
import type { Schools } from '../../ledger/domain/school-scope';
import { ACCESS } from '../../auth/roles';
import { IdsField, InstantField, LIST_BOUNDS, TokenField } from '../../http/dto-fields';
import { ConsentCheckService } from './consent-check.service';

export class ConsentCheckDto {
  @TokenField('the purpose to check, e.g. photo-website', false, 'photo-website')
  purpose!: string;

  @IdsField('the pupils in the photo, the class list, …', LIST_BOUNDS.consentCheckPupils)
  pupilIds!: string[];

  @InstantField('the moment to check; now when absent')
  at?: string;
}

@ApiTags('consents')
@ApiBearerAuth()
@Controller('consent-checks')
export class ConsentCheckController {
  constructor(private readonly checks: ConsentCheckService) {}

  /** The group-photo check: may this class photo go on the website? Only `active` allows. Records nothing. */
  @Post()
  @HttpCode(200)
  @Allow(ACCESS.consentCheck)
  check(@Body() dto: ConsentCheckDto, @SchoolsOfKey() schools: Schools) {
    return this.checks.check(dto, schools);
  }
}
