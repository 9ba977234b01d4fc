import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerCommand } from '../../ledger/command-handling/ledger-command';
import type { EndAgreement } from '../domain/recipient-decider';
import { RecipientLedger } from '../recipient-ledger';

/** The end of a processor agreement, on a given day. */
export type EndAgreementAsked = Omit<EndAgreement, 'type'>;

export class EndAgreementCommand extends LedgerCommand<EndAgreementAsked> {}

@CommandHandler(EndAgreementCommand)
export class EndAgreementHandler implements ICommandHandler<EndAgreementCommand> {
  constructor(private readonly ledger: RecipientLedger) {}

  execute({ asked, meta }: EndAgreementCommand): Promise<unknown> {
    const { recipientId, agreementId, endedAt } = asked;
    return this.ledger.handle({ type: 'EndAgreement', recipientId, agreementId, endedAt }, meta);
  }
}
