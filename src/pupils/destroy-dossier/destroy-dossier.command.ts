import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerCommand } from '../../ledger/command-handling/ledger-command';
import type { DestroyDossier } from '../domain/pupil-commands';
import { DossierShredder } from '../dossier-shredder';

/** The destruction of a pupil's dossier, with its reason (retention expired, or an erasure request). */
export type DestroyDossierAsked = Omit<DestroyDossier, 'type'>;

export class DestroyDossierCommand extends LedgerCommand<DestroyDossierAsked> {}

@CommandHandler(DestroyDossierCommand)
export class DestroyDossierHandler implements ICommandHandler<DestroyDossierCommand> {
  constructor(private readonly shredder: DossierShredder) {}

  execute({ asked, meta }: DestroyDossierCommand): Promise<unknown> {
    return this.shredder.destroy({ type: 'DestroyDossier', pupilId: asked.pupilId, reason: asked.reason, destroyedAt: asked.destroyedAt }, meta);
  }
}
