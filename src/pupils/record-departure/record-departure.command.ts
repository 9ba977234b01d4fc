import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerCommand } from '../../ledger/command-handling/ledger-command';
import { PupilLedger } from '../pupil-ledger';
import type { RecordDepartureDto } from './record-departure.dto';

export class RecordDepartureCommand extends LedgerCommand<{ pupilId: string }, RecordDepartureDto> {}

@CommandHandler(RecordDepartureCommand)
export class RecordDepartureHandler implements ICommandHandler<RecordDepartureCommand> {
  constructor(private readonly ledger: PupilLedger) {}

  execute({ params: { pupilId }, dto, meta }: RecordDepartureCommand): Promise<unknown> {
    return this.ledger.handle(pupilId, meta, () => ({ type: 'RecordDeparture', pupilId, leftOn: dto.leftOn }));
  }
}
