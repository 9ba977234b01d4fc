import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PupilParams } from '../../http/path-params';
import { Allow } from '../../auth/auth.guard';
import { ACCESS } from '../../auth/roles';
import { Meta } from '../../http/command-meta.decorator';
import { send } from '../../http/send';
import type { CommandMeta } from '../../ledger/command-handling/command-meta';
import { GiveConsentCommand } from './give-consent.command';
import { GiveConsentDto } from './give-consent.dto';

@ApiTags('consents')
@ApiBearerAuth()
@Controller('pupils/:pupilId/consents')
export class GiveConsentController {
  constructor(private readonly bus: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Allow(ACCESS.pupilCommand)
  give(@Param() { pupilId }: PupilParams, @Body() dto: GiveConsentDto, @Meta() meta: CommandMeta) {
    return send(this.bus, new GiveConsentCommand({ pupilId, ...dto }, meta));
  }
}
