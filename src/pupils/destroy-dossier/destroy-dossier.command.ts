import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../ledger/command-handling/command-runner';
import { LedgerCommand } from '../../ledger/command-handling/ledger-command';
import { DossierShredder } from '../dossier-shredder';
import type { DestroyDossierDto } from './destroy-dossier.dto';

export class DestroyDossierCommand extends LedgerCommand<{ pupilId: string }, DestroyDossierDto> {}

@CommandHandler(DestroyDossierCommand)
export class DestroyDossierHandler implements ICommandHandler<DestroyDossierCommand, CommandResult> {
  constructor(private readonly shredder: DossierShredder) {}

  execute({ params: { pupilId }, dto, meta }: DestroyDossierCommand): Promise<CommandResult> {
    return this.shredder.destroy(pupilId, dto, meta);
  }
}
