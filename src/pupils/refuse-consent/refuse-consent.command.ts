import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerCommand } from '../../ledger/command-handling/ledger-command';
import type { RefuseConsent } from '../domain/pupil-commands';
import { PupilLedger } from '../pupil-ledger';

/** A refusal of one purpose, as the school records it; the pupil's age, when it matters, is the handler's to find. */
export type RefuseConsentAsked = Omit<RefuseConsent, 'type' | 'pupilBirthDate'>;

export class RefuseConsentCommand extends LedgerCommand<RefuseConsentAsked> {}

@CommandHandler(RefuseConsentCommand)
export class RefuseConsentHandler implements ICommandHandler<RefuseConsentCommand> {
  constructor(private readonly ledger: PupilLedger) {}

  execute({ asked, meta }: RefuseConsentCommand): Promise<unknown> {
    return this.ledger.handle(
      asked.pupilId,
      meta,
      (state) => ({ type: 'RefuseConsent', ...asked, pupilBirthDate: this.ledger.birthDateOf(state, asked.guardianId) }),
      { purpose: asked.purpose },
    );
  }
}
