import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerCommand } from '../../ledger/command-handling/ledger-command';
import { RecipientLedger } from '../recipient-ledger';
import type { ConcludeAgreementDto } from './conclude-agreement.dto';

export class ConcludeAgreementCommand extends LedgerCommand<{ recipientId: string }, ConcludeAgreementDto> {}

@CommandHandler(ConcludeAgreementCommand)
export class ConcludeAgreementHandler implements ICommandHandler<ConcludeAgreementCommand> {
  constructor(private readonly ledger: RecipientLedger) {}

  execute({ params: { recipientId }, dto, meta }: ConcludeAgreementCommand): Promise<unknown> {
    return this.ledger.handle({ type: 'ConcludeAgreement', recipientId, ...dto, validUntil: dto.validUntil ?? null }, meta);
  }
}
