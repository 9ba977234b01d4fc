import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerCommand } from '../../ledger/command-handling/ledger-command';
import type { WithdrawConsent } from '../domain/pupil-commands';
import { PupilLedger } from '../pupil-ledger';

/** A withdrawal of one purpose, its reason as typed (free text: the handler seals it). */
export type WithdrawConsentAsked = Omit<WithdrawConsent, 'type' | 'reason' | 'sameReason'> & { readonly reason?: string };

export class WithdrawConsentCommand extends LedgerCommand<WithdrawConsentAsked> {}

@CommandHandler(WithdrawConsentCommand)
export class WithdrawConsentHandler implements ICommandHandler<WithdrawConsentCommand> {
  constructor(private readonly ledger: PupilLedger) {}

  execute({ asked, meta }: WithdrawConsentCommand): Promise<unknown> {
    const { pupilId, purpose, reason } = asked;
    return this.ledger.handle(
      pupilId,
      meta,
      (state) => ({
        type: 'WithdrawConsent',
        pupilId,
        purpose,
        guardianId: asked.guardianId,
        withdrawnAt: asked.withdrawnAt,
        // Free text is personal data: sealed before it reaches an event. Only a known pupil gets a key.
        reason: reason && state.status === 'enrolled' ? this.ledger.personal.seal(pupilId, reason) : null,
        // Rule 12: a repeat is exact only with the same reason; reasons are compared opened, never stored open.
        sameReason: (recorded) => (recorded === null ? !reason : reason !== undefined && this.ledger.personal.open<string>(pupilId, recorded) === reason),
      }),
      { purpose },
    );
  }
}
