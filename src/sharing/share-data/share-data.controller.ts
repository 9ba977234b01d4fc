import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { Allow } from '../../auth/auth.guard';
import { ACCESS } from '../../auth/roles';
import { Meta } from '../../http/command-meta.decorator';
import { send } from '../../http/send';
import type { CommandMeta } from '../../ledger/command-handling/command-meta';
import { ShareDataCommand } from './share-data.command';
import { ShareDataDto } from './share-data.dto';

@ApiTags('data sharings')
@ApiBearerAuth()
@Controller('data-sharings')
export class ShareDataController {
  constructor(private readonly bus: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Allow(ACCESS.pupilCommand)
  share(@Body() dto: ShareDataDto, @Meta() meta: CommandMeta) {
    return send(this.bus, new ShareDataCommand({ sharingId: randomUUID(), ...dto }, meta));
  }
}
