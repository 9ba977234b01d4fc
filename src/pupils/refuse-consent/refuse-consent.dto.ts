import { IdField, InstantField } from '../../http/dto-fields';

export class RefuseConsentDto {
  @IdField('the guardian who says no; the pupil’s own id for a pupil of 16 or older')
  guardianId!: string;

  @InstantField('when the refusal was made (business time); now when absent')
  refusedAt?: string;
}
