import { IdField, InstantField, TokenField } from '../../http/dto-fields';

export class GiveConsentDto {
  @TokenField('the purpose from the catalogue (GET /purposes)', false, 'photo-website')
  purpose!: string;

  @IdField('the guardian who consents; the pupil’s own id when a pupil of 16 or older consents')
  guardianId!: string;

  @InstantField('when the consent was given (business time); now when absent')
  givenAt?: string;

  @TokenField('the version of the privacy notice the guardian saw')
  noticeVersion!: string;

  @TokenField('how the consent reached the school', false, 'paper')
  channel!: string;

  @InstantField('when the consent ends by itself, if earlier than its purpose’s own end')
  validUntil?: string;
}
