import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { PupilPurposeParams } from '../../http/path-params';
import { LedgerCommand } from '../../ledger/command-handling/ledger-command';
import { PupilLedger } from '../pupil-ledger';
import type { WithdrawConsentDto } from './withdraw-consent.dto';

export class WithdrawConsentCommand extends LedgerCommand<PupilPurposeParams, WithdrawConsentDto> {}

@CommandHandler(WithdrawConsentCommand)
export class WithdrawConsentHandler implements ICommandHandler<WithdrawConsentCommand> {
  constructor(private readonly ledger: PupilLedger) {}

  execute({ params: { pupilId, purpose }, dto, meta }: WithdrawConsentCommand): Promise<unknown> {
    return this.ledger.handle(
      pupilId,
      meta,
      (state) => ({
      type: 'WithdrawConsent',
      pupilId,
      purpose,
      guardianId: dto.guardianId,
      withdrawnAt: dto.withdrawnAt,
      // Free text is personal data: sealed before it reaches an event. Only a known pupil gets a key.
      reason: dto.reason && state.status === 'enrolled' ? this.ledger.personal.seal(pupilId, dto.reason) : null,
      // Rule 12: a repeat is exact only with the same reason; reasons are compared opened, never stored open.
      sameReason: (recorded) =>
        recorded === null ? !dto.reason : dto.reason !== undefined && this.ledger.personal.open<string>(pupilId, recorded) === dto.reason,
      }),
      { purpose },
    );
  }
}
