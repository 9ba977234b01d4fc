import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty } from 'class-validator';
import type { DataCategory } from '../../ledger/domain/purposes';
import { CategoriesField, NestedField, TextField, TokenField } from '../../http/dto-fields';

export class PurposeLabelsDto {
  @TextField('the purpose’s name in Dutch, as the pages show it', 200)
  @IsNotEmpty()
  nl!: string;

  @TextField('the purpose’s name in English, as the pages and GET /purposes show it', 200)
  @IsNotEmpty()
  en!: string;
}

export class DefinePurposeDto {
  @TokenField('the new purpose’s id; one the catalogue does not hold yet', false, 'photo-school-guide')
  purpose!: string;

  @ApiProperty({ description: 'whether consent for it lapses at the end of the school year it was given in (rule 3)', example: true })
  @IsBoolean()
  yearly!: boolean;

  @CategoriesField('the data categories a consent for this purpose covers (a special category here makes it explicit consent, rule 5)')
  dataCategories!: DataCategory[];

  @NestedField(() => PurposeLabelsDto, 'the purpose’s name in Dutch and English')
  labels!: PurposeLabelsDto;
}
