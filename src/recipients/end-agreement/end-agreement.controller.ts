import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AgreementParams } from '../../http/path-params';
import { Allow } from '../../auth/auth.guard';
import { ACCESS } from '../../auth/roles';
import { Meta } from '../../http/command-meta.decorator';
import { send } from '../../http/send';
import type { CommandMeta } from '../../ledger/command-handling/command-meta';
import { EndAgreementCommand } from './end-agreement.command';
import { EndAgreementDto } from './end-agreement.dto';

@ApiTags('recipients')
@ApiBearerAuth()
@Controller('recipients/:recipientId/agreements/:agreementId/end')
export class EndAgreementController {
  constructor(private readonly bus: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Allow(ACCESS.registerCommand)
  end(@Param() { recipientId, agreementId }: AgreementParams, @Body() dto: EndAgreementDto, @Meta() meta: CommandMeta) {
    return send(this.bus, new EndAgreementCommand({ recipientId, agreementId, ...dto }, meta));
  }
}
