import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../ledger/command-handling/command-runner';
import { LedgerCommand } from '../../ledger/command-handling/ledger-command';
import { PupilLedger } from '../pupil-ledger';
import type { GiveConsentDto } from './give-consent.dto';

export class GiveConsentCommand extends LedgerCommand<{ pupilId: string }, GiveConsentDto> {}

@CommandHandler(GiveConsentCommand)
export class GiveConsentHandler implements ICommandHandler<GiveConsentCommand, CommandResult> {
  constructor(private readonly ledger: PupilLedger) {}

  execute({ params: { pupilId }, dto, meta }: GiveConsentCommand): Promise<CommandResult> {
    return this.ledger.handle(
      pupilId,
      meta,
      (state) => ({ type: 'GiveConsent', pupilId, ...dto, pupilBirthDate: this.ledger.birthDateOf(state, dto.guardianId) }),
      undefined,
      dto.purpose,
    );
  }
}
