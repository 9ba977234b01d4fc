import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PupilPurposeParams } from '../../http/path-params';
import { Allow } from '../../auth/auth.guard';
import { ACCESS } from '../../auth/roles';
import { Meta } from '../../http/command-meta.decorator';
import { send } from '../../http/send';
import type { CommandMeta } from '../../ledger/command-handling/command-meta';
import { WithdrawConsentCommand } from './withdraw-consent.command';
import { WithdrawConsentDto } from './withdraw-consent.dto';

@ApiTags('consents')
@ApiBearerAuth()
@Controller('pupils/:pupilId/consents/:purpose/withdrawal')
export class WithdrawConsentController {
  constructor(private readonly bus: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Allow(ACCESS.pupilCommand)
  withdraw(@Param() { pupilId, purpose }: PupilPurposeParams, @Body() dto: WithdrawConsentDto, @Meta() meta: CommandMeta) {
    return send(this.bus, new WithdrawConsentCommand({ pupilId, purpose, ...dto }, meta));
  }
}
