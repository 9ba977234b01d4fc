import { IdField, InstantField, TextField } from '../../http/dto-fields';

export class WithdrawConsentDto {
  @IdField('the guardian who withdraws; the pupil’s own id when the pupil withdraws (always allowed)')
  guardianId!: string;

  @InstantField('when the withdrawal takes effect (business time); now when absent')
  withdrawnAt?: string;

  @TextField('why, in the guardian’s words; stored only encrypted', 1000, true)
  reason?: string;
}
