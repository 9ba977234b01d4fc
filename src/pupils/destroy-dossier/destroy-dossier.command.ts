import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerCommand } from '../../ledger/command-handling/ledger-command';
import { DossierShredder } from '../dossier-shredder';
import type { DestroyDossierDto } from './destroy-dossier.dto';

export class DestroyDossierCommand extends LedgerCommand<{ pupilId: string }, DestroyDossierDto> {}

@CommandHandler(DestroyDossierCommand)
export class DestroyDossierHandler implements ICommandHandler<DestroyDossierCommand> {
  constructor(private readonly shredder: DossierShredder) {}

  execute({ params: { pupilId }, dto, meta }: DestroyDossierCommand): Promise<unknown> {
    return this.shredder.destroy({ type: 'DestroyDossier', pupilId, reason: dto.reason, destroyedAt: dto.destroyedAt }, meta);
  }
}
