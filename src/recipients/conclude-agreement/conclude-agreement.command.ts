import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerCommand } from '../../ledger/command-handling/ledger-command';
import type { ConcludeAgreement } from '../domain/recipient-decider';
import { RecipientLedger } from '../recipient-ledger';

/** A processor agreement with a recipient; without `validUntil` it runs until ended. */
export type ConcludeAgreementAsked = Omit<ConcludeAgreement, 'type' | 'validUntil'> & { readonly validUntil?: string };

export class ConcludeAgreementCommand extends LedgerCommand<ConcludeAgreementAsked> {}

@CommandHandler(ConcludeAgreementCommand)
export class ConcludeAgreementHandler implements ICommandHandler<ConcludeAgreementCommand> {
  constructor(private readonly ledger: RecipientLedger) {}

  execute({ asked, meta }: ConcludeAgreementCommand): Promise<unknown> {
    return this.ledger.handle({ type: 'ConcludeAgreement', ...asked, validUntil: asked.validUntil ?? null }, meta);
  }
}
