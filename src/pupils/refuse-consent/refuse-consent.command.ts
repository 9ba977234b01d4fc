import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { PupilPurposeParams } from '../../http/path-params';
import { LedgerCommand } from '../../ledger/command-handling/ledger-command';
import { PupilLedger } from '../pupil-ledger';
import type { RefuseConsentDto } from './refuse-consent.dto';

export class RefuseConsentCommand extends LedgerCommand<PupilPurposeParams, RefuseConsentDto> {}

@CommandHandler(RefuseConsentCommand)
export class RefuseConsentHandler implements ICommandHandler<RefuseConsentCommand> {
  constructor(private readonly ledger: PupilLedger) {}

  execute({ params: { pupilId, purpose }, dto, meta }: RefuseConsentCommand): Promise<unknown> {
    return this.ledger.handle(
      pupilId,
      meta,
      (state) => ({ type: 'RefuseConsent', pupilId, purpose, ...dto, pupilBirthDate: this.ledger.birthDateOf(state, dto.guardianId) }),
      { purpose },
    );
  }
}
