import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { AgreementParams } from '../../http/path-params';
import { LedgerCommand } from '../../ledger/command-handling/ledger-command';
import { RecipientLedger } from '../recipient-ledger';
import type { EndAgreementDto } from './end-agreement.dto';

export class EndAgreementCommand extends LedgerCommand<AgreementParams, EndAgreementDto> {}

@CommandHandler(EndAgreementCommand)
export class EndAgreementHandler implements ICommandHandler<EndAgreementCommand> {
  constructor(private readonly ledger: RecipientLedger) {}

  execute({ params: { recipientId, agreementId }, dto, meta }: EndAgreementCommand): Promise<unknown> {
    return this.ledger.handle({ type: 'EndAgreement', recipientId, agreementId, endedAt: dto.endedAt }, meta);
  }
}
