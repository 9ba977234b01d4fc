import type { DataCategory } from '../../ledger/domain/purposes';
import { CategoriesField, EnumField, IdField, TextField, TokenField } from '../../http/dto-fields';

export class RegisterRecipientDto {
  @IdField('the recipient’s id in the board’s register')
  recipientId!: string;

  @TextField('the organisation’s name (a library, a publisher, an authority)', 200)
  name!: string;

  @EnumField(['third_party', 'processor', 'authority'], 'what kind of party the recipient is')
  kind!: 'third_party' | 'processor' | 'authority';

  @TokenField('the purpose whose consent a sharing with this recipient rests on', true, 'share-library')
  purpose?: string;

  @CategoriesField('the data categories this recipient may ever receive')
  dataCategories!: DataCategory[];
}
