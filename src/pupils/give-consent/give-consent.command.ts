import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerCommand } from '../../ledger/command-handling/ledger-command';
import { PupilLedger } from '../pupil-ledger';
import type { GiveConsentDto } from './give-consent.dto';

export class GiveConsentCommand extends LedgerCommand<{ pupilId: string }, GiveConsentDto> {}

@CommandHandler(GiveConsentCommand)
export class GiveConsentHandler implements ICommandHandler<GiveConsentCommand> {
  constructor(private readonly ledger: PupilLedger) {}

  execute({ params: { pupilId }, dto, meta }: GiveConsentCommand): Promise<unknown> {
    return this.ledger.handle(
      pupilId,
      meta,
      (state) => ({ type: 'GiveConsent', pupilId, ...dto, pupilBirthDate: this.ledger.birthDateOf(state, dto.guardianId) }),
      { purpose: dto.purpose },
    );
  }
}
