import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerCommand } from '../../ledger/command-handling/ledger-command';
import { PurposeCatalogueLedger } from '../purpose-catalogue-ledger';
import type { DefinePurposeDto } from './define-purpose.dto';

export class DefinePurposeCommand extends LedgerCommand<object, DefinePurposeDto> {}

@CommandHandler(DefinePurposeCommand)
export class DefinePurposeHandler implements ICommandHandler<DefinePurposeCommand> {
  constructor(private readonly ledger: PurposeCatalogueLedger) {}

  execute({ dto, meta }: DefinePurposeCommand): Promise<unknown> {
    const { purpose, yearly, dataCategories, labels } = dto;
    return this.ledger.define({ type: 'DefinePurpose', purpose, yearly, dataCategories, labels: { nl: labels.nl, en: labels.en } }, meta);
  }
}
