import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../ledger/command-handling/command-runner';
import { LedgerCommand } from '../../ledger/command-handling/ledger-command';
import { mustServeSchool } from '../domain/school-scope-policy';
import { PupilLedger } from '../pupil-ledger';
import type { EnrolPupilDto } from './enrol-pupil.dto';

export class EnrolPupilCommand extends LedgerCommand<{ pupilId: string }, EnrolPupilDto> {}

@CommandHandler(EnrolPupilCommand)
export class EnrolPupilHandler implements ICommandHandler<EnrolPupilCommand, CommandResult> {
  constructor(private readonly ledger: PupilLedger) {}

  async execute({ params: { pupilId }, dto, meta }: EnrolPupilCommand): Promise<CommandResult> {
    // Before anything is sealed: a refused enrolment must not leave a key behind.
    mustServeSchool(dto.schoolId, meta.schools);
    return this.ledger.handle(
      pupilId,
      meta,
      () => ({
        type: 'EnrolPupil',
        pupilId,
        schoolId: dto.schoolId,
        enrolledOn: dto.enrolledOn,
        guardians: dto.guardians.map((g) => ({ guardianId: g.guardianId, relation: g.relation })),
        personal: dto.personal ? this.ledger.personal.seal(pupilId, { name: dto.personal.name, birthDate: dto.personal.birthDate ?? null }) : null,
        // Rule 12: re-enrolment is an exact repeat only with the same personal data, compared opened.
        samePersonal: (recorded) => {
          if (recorded === null || !dto.personal) return recorded === null && !dto.personal;
          const was = this.ledger.personal.open<{ name: string; birthDate: string | null }>(pupilId, recorded);
          return !('shredded' in was) && was.name === dto.personal.name && (was.birthDate ?? null) === (dto.personal.birthDate ?? null);
        },
      }),
      (ref) => ({ pupilId, ...ref }),
    );
  }
}
