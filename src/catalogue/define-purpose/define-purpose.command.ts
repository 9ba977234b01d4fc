import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerCommand } from '../../ledger/command-handling/ledger-command';
import type { DefinePurpose } from '../domain/catalogue-decider';
import { PurposeCatalogueLedger } from '../purpose-catalogue-ledger';

/** A board's own purpose: its id, whether consent lasts a school year, its data categories, its Dutch and English labels. */
export type DefinePurposeAsked = Omit<DefinePurpose, 'type'>;

export class DefinePurposeCommand extends LedgerCommand<DefinePurposeAsked> {}

@CommandHandler(DefinePurposeCommand)
export class DefinePurposeHandler implements ICommandHandler<DefinePurposeCommand> {
  constructor(private readonly ledger: PurposeCatalogueLedger) {}

  execute({ asked, meta }: DefinePurposeCommand): Promise<unknown> {
    const { purpose, yearly, dataCategories, labels } = asked;
    return this.ledger.define({ type: 'DefinePurpose', purpose, yearly, dataCategories, labels: { nl: labels.nl, en: labels.en } }, meta);
  }
}
