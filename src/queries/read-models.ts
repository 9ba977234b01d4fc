import { Injectable } from '@nestjs/common';
import { pupilsProjection } from '../../projections/pupils.projection';
import { recipientsProjection } from '../../projections/recipients.projection';
import { pupilKey, recipientKey, type SharingLine, type Sharings, sharingsProjection } from '../../projections/sharings.projection';
import { refuse } from '../ledger/domain/errors';
import { type Schools, serves } from '../ledger/domain/school-scope';
import type { PupilState } from '../pupils/domain/pupil-state';
import type { RecipientState } from '../recipients/domain/recipient-state';
import { DocStore } from '../read-models/doc-store';
import { ProjectionRunner } from '../read-models/projection-runner';

/** The query side's one door to the read models: caught up first, so a reader sees its own writes. */
@Injectable()
export class ReadModels {
  constructor(
    private readonly docs: DocStore,
    private readonly runner: ProjectionRunner,
  ) {}

  sync(): Promise<void> {
    return this.runner.sync();
  }

  /** The pupil, if the ledger knows it and the key serves its school (absent `schools`: the whole board). */
  pupil(pupilId: string, schools?: Schools): PupilState | undefined {
    const p = this.docs.get<PupilState>(pupilsProjection.name, pupilId);
    return p && serves(schools, p.schoolId) ? p : undefined;
  }

  /** @throws PUPIL.NOT_FOUND (404) for a pupil the ledger does not know or the key does not serve. */
  knownPupil(pupilId: string, schools?: Schools): PupilState {
    return this.pupil(pupilId, schools) ?? refuse('PUPIL.NOT_FOUND', `pupil ${pupilId} is not enrolled`);
  }

  recipient(recipientId: string): RecipientState | undefined {
    return this.docs.get<RecipientState>(recipientsProjection.name, recipientId);
  }

  recipients(): RecipientState[] {
    return this.docs.all<RecipientState>(recipientsProjection.name);
  }

  /** Every pupil, a page at a time: for passes over the whole school board. */
  pupilPages(): Generator<PupilState[]> {
    return this.docs.pages<PupilState>(pupilsProjection.name);
  }

  pupils(): PupilState[] {
    return this.docs.all<PupilState>(pupilsProjection.name);
  }

  sharingsOfPupil(pupilId: string): readonly SharingLine[] {
    return this.docs.get<Sharings>(sharingsProjection.name, pupilKey(pupilId))?.lines ?? [];
  }

  sharingsOfRecipient(recipientId: string): readonly SharingLine[] {
    return this.docs.all<Sharings>(sharingsProjection.name, recipientKey(recipientId)).flatMap((s) => s.lines);
  }

  allSharings(): SharingLine[] {
    return this.docs.all<Sharings>(sharingsProjection.name, 'pupil:').flatMap((s) => s.lines);
  }
}
