import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerCommand } from '../../ledger/command-handling/ledger-command';
import { RecipientLedger } from '../recipient-ledger';
import type { RegisterRecipientDto } from './register-recipient.dto';

export class RegisterRecipientCommand extends LedgerCommand<object, RegisterRecipientDto> {}

@CommandHandler(RegisterRecipientCommand)
export class RegisterRecipientHandler implements ICommandHandler<RegisterRecipientCommand> {
  constructor(private readonly ledger: RecipientLedger) {}

  execute({ dto, meta }: RegisterRecipientCommand): Promise<unknown> {
    return this.ledger.handle({ type: 'RegisterRecipient', ...dto, purpose: dto.purpose ?? null, legalReferences: dto.legalReferences ?? [] }, meta);
  }
}
