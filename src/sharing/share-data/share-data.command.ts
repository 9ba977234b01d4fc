import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerCommand } from '../../ledger/command-handling/ledger-command';
import { DataSharing } from '../data-sharing';
import type { ShareDataDto } from './share-data.dto';

export class ShareDataCommand extends LedgerCommand<{ sharingId: string }, ShareDataDto> {}

@CommandHandler(ShareDataCommand)
export class ShareDataHandler implements ICommandHandler<ShareDataCommand> {
  constructor(private readonly sharing: DataSharing) {}

  execute({ params: { sharingId }, dto, meta }: ShareDataCommand): Promise<unknown> {
    return this.sharing.share({ sharingId, ...dto }, meta);
  }
}
