import { InstantField } from '../../http/dto-fields';

export class EndAgreementDto {
  @InstantField('when the agreement ended (business time)', false)
  endedAt!: string;
}
