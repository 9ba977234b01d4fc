import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerCommand } from '../../ledger/command-handling/ledger-command';
import { mustServeSchool } from '../domain/school-scope-policy';
import { PupilLedger } from '../pupil-ledger';
import type { EnrolPupilDto } from './enrol-pupil.dto';

export class EnrolPupilCommand extends LedgerCommand<{ pupilId: string }, EnrolPupilDto> {}

@CommandHandler(EnrolPupilCommand)
export class EnrolPupilHandler implements ICommandHandler<EnrolPupilCommand> {
  constructor(private readonly ledger: PupilLedger) {}

  async execute({ params: { pupilId }, dto, meta }: EnrolPupilCommand): Promise<unknown> {
    mustServeSchool(dto.schoolId, meta.schools);
    const personal = dto.personal && { name: dto.personal.name, birthDate: dto.personal.birthDate ?? null };
    return this.ledger.handle(
      pupilId,
      meta,
      () => ({
        type: 'EnrolPupil',
        pupilId,
        schoolId: dto.schoolId,
        enrolledOn: dto.enrolledOn,
        guardians: dto.guardians.map((g) => ({ guardianId: g.guardianId, relation: g.relation })),
        // Sealed only once the enrolment stands (below): a refused enrolment leaves no key behind.
        personal: null,
      }),
      {
        respond: (ref) => ({ pupilId, ...ref }),
        complete: (writes) =>
          !personal
            ? writes
            : writes.map((w) => ({
                ...w,
                events: w.events.map((e) => (e.type === 'PupilEnrolled' ? { ...e, data: { ...(e.data as object), personal: this.ledger.personal.seal(pupilId, personal) } } : e)),
              })),
      },
    );
  }
}
