import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PupilPurposeParams } from '../../http/path-params';
import { Allow } from '../../auth/auth.guard';
import { ACCESS } from '../../auth/roles';
import { Meta } from '../../http/command-meta.decorator';
import { send } from '../../http/send';
import type { CommandMeta } from '../../ledger/command-handling/command-meta';
import { RefuseConsentCommand } from './refuse-consent.command';
import { RefuseConsentDto } from './refuse-consent.dto';

@ApiTags('consents')
@ApiBearerAuth()
@Controller('pupils/:pupilId/consents/:purpose/refusal')
export class RefuseConsentController {
  constructor(private readonly bus: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Allow(ACCESS.pupilCommand)
  refuse(@Param() { pupilId, purpose }: PupilPurposeParams, @Body() dto: RefuseConsentDto, @Meta() meta: CommandMeta) {
    return send(this.bus, new RefuseConsentCommand({ pupilId, purpose, ...dto }, meta));
  }
}
