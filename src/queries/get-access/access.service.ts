import { Inject, Injectable } from '@nestjs/common';
import { accessAt, accessInterval, type AccessLine } from '../../../projections/access.view';
import type { SharingLine } from '../../../projections/sharings.projection';
import { Clock } from '../../ledger/command-handling/clock';
import { refuse } from '../../ledger/domain/errors';
import type { Schools } from '../../ledger/domain/school-scope';
import { earliest, ms, parseTimeField } from '../../ledger/domain/time';
import { PERSONAL_DATA, type PersonalData } from '../../personal-data/personal-data';
import { ReadModels } from '../read-models';

/** An access line as a reader sees it: a free-text legal reference withheld (`{encrypted: true}`) or shredded (rule 7). */
export type ReadAccessLine = Omit<AccessLine, 'legalReference'> & { readonly legalReference: unknown };

/**
 * A line of a pupil's access timeline: besides `until` (when the right to use the data ended), until
 * when the recipient held it as far as the ledger knows — for a sharing without basis (rule 13) that
 * is the dossier's destruction or the sharing's own end, not the end of the basis before it.
 */
export type TimelineLine = ReadAccessLine & { readonly heldUntil: string | null };

/** "Who could see what, when", for `GET /access` and the pupil page alike. */
@Injectable()
export class AccessService {
  constructor(
    private readonly models: ReadModels,
    private readonly clock: Clock,
    @Inject(PERSONAL_DATA) private readonly personal: PersonalData,
  ) {}

  /**
   * For a pupil its recipients, for a recipient its pupils (only those of `schools`), at `at`
   * (business time as a client gives it; now when absent). Exactly one of `pupilId` and `recipientId`.
   * @throws VALIDATION.INVALID (400), PUPIL.NOT_FOUND or RECIPIENT.NOT_FOUND (404).
   */
  async at(
    q: { readonly pupilId?: string; readonly recipientId?: string; readonly at?: string },
    schools: Schools,
  ): Promise<{ at: string; access: ReadAccessLine[] }> {
    if ((q.pupilId === undefined) === (q.recipientId === undefined))
      refuse('VALIDATION.INVALID', 'name exactly one of pupilId and recipientId', [
        { field: q.pupilId ? 'recipientId' : 'pupilId', problem: 'give exactly one of pupilId and recipientId' },
      ]);
    await this.models.sync();
    const at = q.at ? parseTimeField('at', q.at) : this.clock.now();
    let lines: readonly SharingLine[];
    if (q.pupilId) {
      this.models.knownPupil(q.pupilId, schools);
      lines = this.models.sharingsOfPupil(q.pupilId);
    } else {
      if (!this.models.recipient(q.recipientId!)) refuse('RECIPIENT.NOT_FOUND', `recipient ${q.recipientId} is not registered`);
      // A recipient belongs to the board; the pupils it received are listed only for the key's schools.
      lines = this.models.sharingsOfRecipient(q.recipientId!).filter((l) => this.models.pupil(l.pupilId, schools));
    }
    return {
      at,
      access: this.readable(
        accessAt(
          lines,
          (id) => this.models.pupil(id),
          (id) => this.models.recipient(id),
          at,
        ),
      ),
    };
  }

  /**
   * Every sharing of a pupil with its whole interval, from `from` to `until` (null: still open),
   * in order of `from`: the same lines `at` lists, for every moment at once (the access timeline);
   * each with `heldUntil` (TimelineLine).
   * @throws PUPIL.NOT_FOUND (404) for a pupil the ledger does not know or `schools` does not serve.
   */
  async timeline(pupilId: string, schools: Schools): Promise<TimelineLine[]> {
    await this.models.sync();
    const pupil = this.models.knownPupil(pupilId, schools);
    return this.models
      .sharingsOfPupil(pupilId)
      .map((l) => {
        const line = accessInterval(l, pupil, this.models.recipient(l.recipientId));
        const heldUntil = line.problem ? (earliest(l.until, pupil.destroyed?.at) ?? null) : line.until;
        return { ...this.readable([line])[0], heldUntil };
      })
      .sort((a, b) => ms(a.from) - ms(b.from));
  }

  private readable(lines: readonly AccessLine[]): ReadAccessLine[] {
    return lines.map((l) => ({ ...l, legalReference: this.personal.withhold(l.pupilId, l.legalReference) }));
  }
}
