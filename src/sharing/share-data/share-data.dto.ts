import type { DataCategory } from '../../ledger/domain/purposes';
import { CategoriesField, EnumField, IdField, IdsField, InstantField, LIST_BOUNDS, TextField } from '../../http/dto-fields';

export class ShareDataDto {
  @IdField('the registered recipient')
  recipientId!: string;

  @IdsField('the pupils whose data went to the recipient', LIST_BOUNDS.sharingPupils)
  pupilIds!: string[];

  @CategoriesField('the data categories that went')
  dataCategories!: DataCategory[];

  @EnumField(['consent', 'legal_obligation', 'processor_agreement'], 'the legal basis of the sharing')
  legalBasis!: 'consent' | 'legal_obligation' | 'processor_agreement';

  @TextField('the law the sharing rests on (e.g. an article); required on legal_obligation', 200, true)
  legalReference?: string;

  @InstantField('when the data went (business time); now when absent')
  sharedAt?: string;

  @InstantField('when the recipient must stop using the data, if the sharing itself ends')
  until?: string;
}
