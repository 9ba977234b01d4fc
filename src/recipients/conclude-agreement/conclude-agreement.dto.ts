import type { DataCategory } from '../../ledger/domain/purposes';
import { CategoriesField, IdField, InstantField } from '../../http/dto-fields';

export class ConcludeAgreementDto {
  @IdField('the processor agreement’s id')
  agreementId!: string;

  @InstantField('from when the agreement is in force', false)
  validFrom!: string;

  @InstantField('until when the agreement is in force; open-ended when absent')
  validUntil?: string;

  @CategoriesField('the data categories the agreement covers')
  dataCategories!: DataCategory[];
}
