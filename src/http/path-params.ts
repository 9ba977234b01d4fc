import { IdField, TokenField } from './dto-fields';

/**
 * Path parameters are validated like bodies, all at once, so a 400 names every bad one and no
 * stream name is ever made of arbitrary text.
 */
export class PupilParams {
  @IdField('the pupil')
  pupilId!: string;
}

export class PupilPurposeParams extends PupilParams {
  @TokenField('a purpose from GET /purposes', false, 'photo-website')
  purpose!: string;
}

export class RecipientParams {
  @IdField('the recipient')
  recipientId!: string;
}

export class AgreementParams extends RecipientParams {
  @IdField('the processor agreement')
  agreementId!: string;
}
