import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerCommand } from '../../ledger/command-handling/ledger-command';
import type { RecordDeparture } from '../domain/pupil-commands';
import { PupilLedger } from '../pupil-ledger';

/** The pupil's last school day, a Dutch calendar day. */
export type RecordDepartureAsked = Omit<RecordDeparture, 'type'>;

export class RecordDepartureCommand extends LedgerCommand<RecordDepartureAsked> {}

@CommandHandler(RecordDepartureCommand)
export class RecordDepartureHandler implements ICommandHandler<RecordDepartureCommand> {
  constructor(private readonly ledger: PupilLedger) {}

  execute({ asked, meta }: RecordDepartureCommand): Promise<unknown> {
    return this.ledger.handle(asked.pupilId, meta, () => ({ type: 'RecordDeparture', pupilId: asked.pupilId, leftOn: asked.leftOn }));
  }
}
