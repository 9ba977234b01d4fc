import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerCommand } from '../../ledger/command-handling/ledger-command';
import { DataSharing, type ShareDataAsked } from '../data-sharing';

export class ShareDataCommand extends LedgerCommand<ShareDataAsked> {}

@CommandHandler(ShareDataCommand)
export class ShareDataHandler implements ICommandHandler<ShareDataCommand> {
  constructor(private readonly sharing: DataSharing) {}

  execute({ asked, meta }: ShareDataCommand): Promise<unknown> {
    return this.sharing.share(asked, meta);
  }
}
