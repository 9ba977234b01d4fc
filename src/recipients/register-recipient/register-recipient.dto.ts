import { ApiProperty } from '@nestjs/swagger';
import { ArrayUnique, IsArray, IsOptional, IsString, Length } from 'class-validator';
import type { DataCategory } from '../../ledger/domain/purposes';
import { atMost, CategoriesField, EnumField, IdField, LIST_BOUNDS, TextField, TokenField } from '../../http/dto-fields';

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

  @ApiProperty({
    required: false,
    type: [String],
    maxItems: LIST_BOUNDS.legalReferences,
    description:
      'the laws sharings with this recipient rest on (e.g. "WPO art. 178a"), as plain text in the register, which holds no personal data; ' +
      'a sharing that cites one verbatim refers to it, any other legalReference is stored encrypted per pupil',
  })
  @IsOptional()
  @IsArray()
  @atMost(LIST_BOUNDS.legalReferences, 'laws')
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, 200, { each: true, message: 'each of $property must be 1-200 characters' })
  legalReferences?: string[];
}
