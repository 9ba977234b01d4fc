import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { Allow } from '../../auth/auth.guard';
import { ACCESS } from '../../auth/roles';
import { Meta } from '../../http/command-meta.decorator';
import type { CommandMeta } from '../../ledger/command-handling/command-meta';
import { send } from '../../http/send';
import { EnrolPupilCommand } from './enrol-pupil.command';
import { EnrolPupilDto } from './enrol-pupil.dto';

@ApiTags('pupils')
@ApiBearerAuth()
@Controller('pupils')
export class EnrolPupilController {
  constructor(private readonly bus: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Allow(ACCESS.pupilCommand)
  enrol(@Body() dto: EnrolPupilDto, @Meta() meta: CommandMeta) {
    return send(this.bus, new EnrolPupilCommand({ ...dto, pupilId: dto.pupilId ?? randomUUID() }, meta));
  }
}
