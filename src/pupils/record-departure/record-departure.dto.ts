import { DateField } from '../../http/dto-fields';

export class RecordDepartureDto {
  @DateField('the day the pupil left the school; starts the two-year retention period')
  leftOn!: string;
}
