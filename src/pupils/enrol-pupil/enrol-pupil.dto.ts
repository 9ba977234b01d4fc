import { DateField, EnumField, IdField, LIST_BOUNDS, NestedField, TextField } from '../../http/dto-fields';
import { DistinctGuardians, GuardiansOtherThanPupil, PlausibleBirthDate } from './enrolment-rules';

export class GuardianDto {
  @IdField('pseudonymous id of a guardian who may consent for the pupil')
  guardianId!: string;

  @EnumField(['parent', 'guardian', 'foster-parent', 'other'], 'how the guardian relates to the pupil')
  relation!: 'parent' | 'guardian' | 'foster-parent' | 'other';
}

export class PersonalDto {
  @TextField('the pupil’s name; stored only encrypted under the pupil’s own key', 200)
  name!: string;

  @DateField('the pupil’s birth date; stored only encrypted, needed for a pupil of 16 to consent themself', true)
  birthDate?: string;
}

export class EnrolPupilDto {
  @IdField('pseudonymous pupil id; made by the ledger when absent', true)
  pupilId?: string;

  @IdField('the school the pupil joins')
  schoolId!: string;

  @DateField('the day the pupil joined the school')
  enrolledOn!: string;

  @NestedField(() => GuardianDto, `the guardians who may consent for the pupil, each once; never the pupil; at most ${LIST_BOUNDS.guardians}`, {
    each: true,
    max: LIST_BOUNDS.guardians,
  })
  @DistinctGuardians()
  @GuardiansOtherThanPupil()
  guardians!: GuardianDto[];

  @NestedField(() => PersonalDto, 'personal data, stored only encrypted; a birth date on or before enrolledOn, at most 30 years before it', { optional: true })
  @PlausibleBirthDate()
  personal?: PersonalDto;
}
