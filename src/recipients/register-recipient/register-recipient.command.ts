import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../ledger/command-handling/command-runner';
import { LedgerCommand } from '../../ledger/command-handling/ledger-command';
import { RecipientLedger } from '../recipient-ledger';
import type { RegisterRecipientDto } from './register-recipient.dto';

export class RegisterRecipientCommand extends LedgerCommand<object, RegisterRecipientDto> {}

@CommandHandler(RegisterRecipientCommand)
export class RegisterRecipientHandler implements ICommandHandler<RegisterRecipientCommand, CommandResult> {
  constructor(private readonly ledger: RecipientLedger) {}

  execute({ dto, meta }: RegisterRecipientCommand): Promise<CommandResult> {
    return this.ledger.handle({ type: 'RegisterRecipient', ...dto, purpose: dto.purpose ?? null, legalReferences: dto.legalReferences ?? [] }, meta);
  }
}
