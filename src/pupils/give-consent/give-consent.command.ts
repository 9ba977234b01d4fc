import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerCommand } from '../../ledger/command-handling/ledger-command';
import type { GiveConsent } from '../domain/pupil-commands';
import { PupilLedger } from '../pupil-ledger';

/** A consent to one purpose, as the school records it; the pupil's age, when it matters, is the handler's to find. */
export type GiveConsentAsked = Omit<GiveConsent, 'type' | 'pupilBirthDate'>;

export class GiveConsentCommand extends LedgerCommand<GiveConsentAsked> {}

@CommandHandler(GiveConsentCommand)
export class GiveConsentHandler implements ICommandHandler<GiveConsentCommand> {
  constructor(private readonly ledger: PupilLedger) {}

  execute({ asked, meta }: GiveConsentCommand): Promise<unknown> {
    return this.ledger.handle(
      asked.pupilId,
      meta,
      (state) => ({ type: 'GiveConsent', ...asked, pupilBirthDate: this.ledger.birthDateOf(state, asked.guardianId) }),
      { purpose: asked.purpose },
    );
  }
}
