import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PupilParams } from '../../http/path-params';
import { Allow } from '../../auth/auth.guard';
import { ACCESS } from '../../auth/roles';
import { Meta } from '../../http/command-meta.decorator';
import { send } from '../../http/send';
import type { CommandMeta } from '../../ledger/command-handling/command-meta';
import { DestroyDossierCommand } from './destroy-dossier.command';
import { DestroyDossierDto } from './destroy-dossier.dto';

@ApiTags('pupils')
@ApiBearerAuth()
@Controller('pupils/:pupilId/dossier-destruction')
export class DestroyDossierController {
  constructor(private readonly bus: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Allow(ACCESS.pupilCommand)
  destroy(@Param() { pupilId }: PupilParams, @Body() dto: DestroyDossierDto, @Meta() meta: CommandMeta) {
    return send(this.bus, new DestroyDossierCommand({ pupilId, ...dto }, meta));
  }
}
