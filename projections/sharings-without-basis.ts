import type { PupilState } from '../src/pupils/domain/pupil-state';
import type { RecipientState } from '../src/recipients/domain/recipient-state';
import { basisEndedBefore } from './access.view';
import type { SharingLine } from './sharings.projection';

/** A sharing whose basis had already ended when it was made (rule 13): recorded, and listed for the board. */
export interface SharingWithoutBasis {
  readonly pupilId: string;
  readonly schoolId: string | null;
  readonly recipientId: string;
  readonly legalBasis: string;
  readonly dataCategories: readonly string[];
  readonly sharedAt: string;
  /** When the basis ended (canonical UTC), before `sharedAt`. */
  readonly basisEndedAt: string;
  /** The sharing and the fact that ended its basis. */
  readonly eventIds: readonly string[];
}

/** Rule 13 for the board report: every sharing of `sharings` made after its basis had ended, in order of `sharedAt`. */
export const sharingsWithoutBasis = (
  sharings: readonly SharingLine[],
  pupilOf: (pupilId: string) => PupilState | undefined,
  recipientOf: (recipientId: string) => RecipientState | undefined,
): SharingWithoutBasis[] =>
  sharings
    .flatMap((line) => {
      const pupil = pupilOf(line.pupilId);
      const agreement = recipientOf(line.recipientId)?.agreements.find((a) => a.agreementId === line.agreementId);
      const ended = basisEndedBefore(line, pupil, agreement);
      if (!ended) return [];
      return [
        {
          pupilId: line.pupilId,
          schoolId: pupil?.schoolId ?? null,
          recipientId: line.recipientId,
          legalBasis: line.legalBasis,
          dataCategories: line.dataCategories,
          sharedAt: line.sharedAt,
          basisEndedAt: ended.at,
          eventIds: [line.eventId, ...ended.eventIds],
        },
      ];
    })
    .sort((a, b) => (a.sharedAt < b.sharedAt ? -1 : a.sharedAt > b.sharedAt ? 1 : 0));
