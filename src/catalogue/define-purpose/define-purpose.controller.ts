import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.guard';
import { ACCESS } from '../../auth/roles';
import { Meta } from '../../http/command-meta.decorator';
import { send } from '../../http/send';
import type { CommandMeta } from '../../ledger/command-handling/command-meta';
import { DefinePurposeCommand } from './define-purpose.command';
import { DefinePurposeDto } from './define-purpose.dto';

/** The purpose catalogue belongs to the board, like the register: a key without schools defines a purpose. */
@ApiTags('purposes')
@ApiBearerAuth()
@Controller('purposes')
export class DefinePurposeController {
  constructor(private readonly bus: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Allow(ACCESS.registerCommand)
  define(@Body() dto: DefinePurposeDto, @Meta() meta: CommandMeta) {
    return send(this.bus, new DefinePurposeCommand(dto, meta));
  }
}
