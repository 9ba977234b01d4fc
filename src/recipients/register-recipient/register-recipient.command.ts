import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerCommand } from '../../ledger/command-handling/ledger-command';
import type { RegisterRecipient } from '../domain/recipient-decider';
import { RecipientLedger } from '../recipient-ledger';

/** A recipient to register; without a purpose or legal references, it has none. */
export type RegisterRecipientAsked = Omit<RegisterRecipient, 'type' | 'purpose' | 'legalReferences'> & {
  readonly purpose?: string;
  readonly legalReferences?: readonly string[];
};

export class RegisterRecipientCommand extends LedgerCommand<RegisterRecipientAsked> {}

@CommandHandler(RegisterRecipientCommand)
export class RegisterRecipientHandler implements ICommandHandler<RegisterRecipientCommand> {
  constructor(private readonly ledger: RecipientLedger) {}

  execute({ asked, meta }: RegisterRecipientCommand): Promise<unknown> {
    return this.ledger.handle({ type: 'RegisterRecipient', ...asked, purpose: asked.purpose ?? null, legalReferences: asked.legalReferences ?? [] }, meta);
  }
}
