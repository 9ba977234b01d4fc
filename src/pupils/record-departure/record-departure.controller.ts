import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PupilParams } from '../../http/path-params';
import { Allow } from '../../auth/auth.guard';
import { ACCESS } from '../../auth/roles';
import { Meta } from '../../http/command-meta.decorator';
import { send } from '../../http/send';
import type { CommandMeta } from '../../ledger/command-handling/command-meta';
import { RecordDepartureCommand } from './record-departure.command';
import { RecordDepartureDto } from './record-departure.dto';

@ApiTags('pupils')
@ApiBearerAuth()
@Controller('pupils/:pupilId/departure')
export class RecordDepartureController {
  constructor(private readonly bus: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Allow(ACCESS.pupilCommand)
  depart(@Param() { pupilId }: PupilParams, @Body() dto: RecordDepartureDto, @Meta() meta: CommandMeta) {
    return send(this.bus, new RecordDepartureCommand({ pupilId, ...dto }, meta));
  }
}
