import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RecipientParams } from '../../http/path-params';
import { Allow } from '../../auth/auth.guard';
import { ACCESS } from '../../auth/roles';
import { Meta } from '../../http/command-meta.decorator';
import { send } from '../../http/send';
import type { CommandMeta } from '../../ledger/command-handling/command-meta';
import { ConcludeAgreementCommand } from './conclude-agreement.command';
import { ConcludeAgreementDto } from './conclude-agreement.dto';

@ApiTags('recipients')
@ApiBearerAuth()
@Controller('recipients/:recipientId/agreements')
export class ConcludeAgreementController {
  constructor(private readonly bus: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Allow(ACCESS.registerCommand)
  conclude(@Param() { recipientId }: RecipientParams, @Body() dto: ConcludeAgreementDto, @Meta() meta: CommandMeta) {
    return send(this.bus, new ConcludeAgreementCommand({ recipientId, ...dto }, meta));
  }
}
