import { EnumField, InstantField } from '../../http/dto-fields';

export class DestroyDossierDto {
  @EnumField(['retention_expired', 'erasure_request'], 'retention_expired from two years after leaving; erasure_request at any time')
  reason!: 'retention_expired' | 'erasure_request';

  @InstantField('when the dossier was destroyed (business time); now when absent')
  destroyedAt?: string;
}
