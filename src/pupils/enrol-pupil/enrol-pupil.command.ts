import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerCommand } from '../../ledger/command-handling/ledger-command';
import { mustServeSchool } from '../domain/school-scope-policy';
import type { EnrolPupil } from '../domain/pupil-commands';
import { PupilLedger } from '../pupil-ledger';

/** An enrolment, the pupil's name and birth date (a Dutch calendar day) as typed: the handler seals them once the enrolment stands. */
export type EnrolPupilAsked = Omit<EnrolPupil, 'type' | 'personal' | 'samePersonal'> & {
  readonly personal?: { readonly name: string; readonly birthDate?: string };
};

export class EnrolPupilCommand extends LedgerCommand<EnrolPupilAsked> {}

@CommandHandler(EnrolPupilCommand)
export class EnrolPupilHandler implements ICommandHandler<EnrolPupilCommand> {
  constructor(private readonly ledger: PupilLedger) {}

  async execute({ asked, meta }: EnrolPupilCommand): Promise<unknown> {
    const { pupilId } = asked;
    mustServeSchool(asked.schoolId, meta.schools);
    const personal = asked.personal && { name: asked.personal.name, birthDate: asked.personal.birthDate ?? null };
    return this.ledger.handle(
      pupilId,
      meta,
      () => ({
        type: 'EnrolPupil',
        pupilId,
        schoolId: asked.schoolId,
        enrolledOn: asked.enrolledOn,
        guardians: asked.guardians.map((g) => ({ guardianId: g.guardianId, relation: g.relation })),
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
                events: w.events.map((e) =>
                  e.type === 'PupilEnrolled' ? { ...e, data: { ...(e.data as object), personal: this.ledger.personal.seal(pupilId, personal) } } : e,
                ),
              })),
      },
    );
  }
}
