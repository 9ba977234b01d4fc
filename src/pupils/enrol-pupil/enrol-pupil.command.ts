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
        // Rule 12: re-enrolment is an exact repeat only with the same personal data, compared opened.
        samePersonal: (recorded) => {
          if (recorded === null || !personal) return recorded === null && !personal;
          const was = this.ledger.personal.open<{ name: string; birthDate: string | null }>(pupilId, recorded);
          return !('shredded' in was) && was.name === personal.name && (was.birthDate ?? null) === personal.birthDate;
        },
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
