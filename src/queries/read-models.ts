import { Inject, Injectable } from '@nestjs/common';
import { type PupilConsents, pupilConsentsProjection } from '../../projections/pupil-consents.projection';
import { pupilsProjection } from '../../projections/pupils.projection';
import { recipientsProjection } from '../../projections/recipients.projection';
import { pupilKey, recipientKey, type SharingLine, type Sharings, sharingsProjection } from '../../projections/sharings.projection';
import { refuse } from '../ledger/domain/errors';
import { type Schools, serves } from '../ledger/domain/school-scope';
import type { PupilState } from '../pupils/domain/pupil-state';
import type { RecipientState } from '../recipients/domain/recipient-state';
import { DocStore } from '../read-models/doc-store';
import { ProjectionRunner } from '../read-models/projection-runner';
import { LedgerConfig } from '../config/ledger-config';
import { EVENT_STORE, type EventStore } from '../core/ports/event-store.port';
import { AcknowledgedPosition } from '../ledger/command-handling/acknowledged-position';
import { MIN_POSITION_HEADER, currentRead } from './read-position';

/** A pupil's document, where the key serves its school (absent `schools`: the whole board). */
const servedTo = <T extends { readonly schoolId: string | null }>(doc: T | undefined, schools?: Schools): T | undefined =>
  doc && serves(schools, doc.schoolId) ? doc : undefined;

const notEnrolled = (pupilId: string): never => refuse('PUPIL.NOT_FOUND', `pupil ${pupilId} is not enrolled`);

/** The query side's one door to the read models: brought up to what this reader wrote first. */
@Injectable()
export class ReadModels {
  constructor(
    private readonly docs: DocStore,
    private readonly runner: ProjectionRunner,
    private readonly acknowledged: AcknowledgedPosition,
    private readonly config: LedgerConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /**
   * Waits until the read models reflect what this instance acknowledged and the position the
   * request's `Ledger-Min-Position` names, whichever is later, for at most `LEDGER_READ_WAIT_MS`;
   * then the answer is read from what they hold, and says which position that is (`Ledger-Position`).
   * While a batch cannot be folded (the read models' file unwritable, the disk full), it answers at
   * once from what they hold; `/health` says `failing`.
   * @throws VALIDATION.INVALID (400) for a `Ledger-Min-Position` that is no position of this log's
   *   form or that this log never gave out (another store's, or one past its head).
   */
  async sync(): Promise<void> {
    const read = currentRead();
    const wanted = read?.wanted === undefined ? null : await this.position(read.wanted);
    const mine = this.acknowledged.position;
    const target = wanted === null || (mine !== null && this.store.comparePositions(mine, wanted) > 0) ? mine : wanted;
    let reflected: string | null;
    try {
      reflected = await this.runner.waitFor(target, this.config.readWaitMs);
    } catch {
      // The read models cannot be brought up to date now (their file unwritable, the disk full):
      // /health says failing, and a read answers what they hold, as after the wait's bound.
      reflected = this.runner.reflected();
    }
    if (read) Object.assign(read, { served: true, reflected });
  }

  /**
   * Waits, unbounded, until the read models hold the whole log as it is now (every instance's
   * writes): for a pass over every pupil, which must miss none.
   * @throws the failure of the batch waited for.
   */
  syncWithLog(): Promise<void> {
    return this.runner.sync();
  }

  /** The header's position, if this log gave it out (on a shared log: any instance); positions of another log, or never given out, are refused. */
  private async position(header: string): Promise<string> {
    if (await this.store.hasPosition(header)) return header;
    return refuse('VALIDATION.INVALID', `the ${MIN_POSITION_HEADER} header names no position this ledger gave out`, [
      { field: MIN_POSITION_HEADER, problem: 'must be the `position` of a command’s answer, as this ledger gave it out' },
    ]);
  }

  /** The pupil, if the ledger knows it and the key serves its school (absent `schools`: the whole board). */
  pupil(pupilId: string, schools?: Schools): PupilState | undefined {
    return servedTo(this.docs.get<PupilState>(pupilsProjection.name, pupilId), schools);
  }

  /**
   * What the consent questions read of the pupil (its status, school and consent facts, about a
   * third of the whole document), if the ledger knows it and the key serves its school. Parsed per
   * question, not kept: a class check then leaves young garbage only.
   */
  pupilConsents(pupilId: string, schools?: Schools): PupilConsents | undefined {
    return servedTo(this.docs.read<PupilConsents>(pupilConsentsProjection.name, pupilId), schools);
  }

  /** @throws PUPIL.NOT_FOUND (404) for a pupil the ledger does not know or the key does not serve. */
  knownPupilConsents(pupilId: string, schools?: Schools): PupilConsents {
    return this.pupilConsents(pupilId, schools) ?? notEnrolled(pupilId);
  }

  /** @throws PUPIL.NOT_FOUND (404) for a pupil the ledger does not know or the key does not serve. */
  knownPupil(pupilId: string, schools?: Schools): PupilState {
    return this.pupil(pupilId, schools) ?? notEnrolled(pupilId);
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
