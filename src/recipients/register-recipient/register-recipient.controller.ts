import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.guard';
import { ACCESS } from '../../auth/roles';
import { Meta } from '../../http/command-meta.decorator';
import { send } from '../../http/send';
import type { CommandMeta } from '../../ledger/command-handling/command-meta';
import { RegisterRecipientCommand } from './register-recipient.command';
import { RegisterRecipientDto } from './register-recipient.dto';

@ApiTags('recipients')
@ApiBearerAuth()
@Controller('recipients')
export class RegisterRecipientController {
  constructor(private readonly bus: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Allow(ACCESS.registerCommand)
  register(@Body() dto: RegisterRecipientDto, @Meta() meta: CommandMeta) {
    return send(this.bus, new RegisterRecipientCommand(dto, meta));
  }
}
