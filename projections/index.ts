import { pupilConsentsProjection } from './pupil-consents.projection';
import { pupilsProjection } from './pupils.projection';
import type { Projection } from './projection';
import { recipientsProjection } from './recipients.projection';
import { sharingsProjection } from './sharings.projection';

/** Every read model the ledger keeps; the runner and a rebuild both take them from here. */
export const PROJECTIONS: readonly Projection<unknown>[] = [
  pupilsProjection,
  pupilConsentsProjection,
  recipientsProjection,
  sharingsProjection,
] as Projection<unknown>[];
