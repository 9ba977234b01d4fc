import { Inject, Injectable } from '@nestjs/common';
import { PurposeCatalogueProvider } from '../catalogue/purpose-catalogue';
import { CommandDoor, type PlannedWrite, type StreamRef } from '../ledger/command-handling/command-door';
import type { CommandMeta } from '../ledger/command-handling/command-meta';
import { oneStream } from '../ledger/command-handling/verdicts';
import { refuse } from '../ledger/domain/errors';
import { type EventRef, isUnchanged } from '../ledger/domain/recorded-event';
import { pupilStream } from '../ledger/domain/streams';
import { KeyStore } from '../personal-data/key-store';
import type { PupilKeys } from '../personal-data/pupil-keys';
import { PERSONAL_DATA, type PersonalData } from '../personal-data/personal-data';
import type { PupilCommand } from './domain/pupil-commands';
import { mustBeServed } from './domain/school-scope-policy';
import { decidePupil } from './domain/pupil-decider';
import { evolvePupil, initialPupilState, type PupilState } from './domain/pupil-state';

export const pupilFold = { evolve: evolvePupil, initial: initialPupilState };
export const pupilRef = (pupilId: string): StreamRef<PupilState> => ({ stream: pupilStream(pupilId), fold: pupilFold });

export interface PupilHandling<A> {
  /** The answer from the event's id and position (default: those alone). */
  readonly respond?: (ref: EventRef) => A;
  /** The purpose the command names, looked for in the catalogue stream when this instance does not know it yet. */
  readonly purpose?: string;
  /** Finishes the events once the decision stands (CommandRun.complete). */
  readonly complete?: (writes: readonly PlannedWrite[]) => readonly PlannedWrite[];
}

/** The generic handler of every single-stream pupil command; the use cases only build the command. */
@Injectable()
export class PupilLedger {
  constructor(
    readonly door: CommandDoor,
    @Inject(KeyStore) readonly keys: PupilKeys,
    @Inject(PERSONAL_DATA) readonly personal: PersonalData,
    readonly catalogue: PurposeCatalogueProvider,
  ) {}

  /** A destruction under way owns the stream: nothing else may be decided until it has finished. */
  refuseIfShredding(pupilId: string): void {
    if (this.keys.isShredding(pupilId)) refuse('PUPIL.DOSSIER_DESTROYED', `the dossier of pupil ${pupilId} was destroyed`);
  }

  /** Reads the pupil's stream, decides the command built from its state, appends; answers `{eventId, position}` by default. */
  async handle<A = EventRef>(pupilId: string, meta: CommandMeta, command: (state: PupilState) => PupilCommand, how: PupilHandling<A> = {}): Promise<A> {
    const catalogue = await this.catalogue.knowing(how.purpose);
    const respond = how.respond ?? ((ref: EventRef) => ref as A);
    return this.door.run({
      meta,
      reads: { pupil: pupilRef(pupilId) },
      decide: ({ pupil }, now) => {
        mustBeServed(pupil, pupilId, meta.schools);
        this.refuseIfShredding(pupilId);
        const decision = decidePupil(command(pupil), pupil, { now, catalogue });
        const first = isUnchanged(decision) ? undefined : decision[0];
        const enrolled = first?.type === 'PupilEnrolled' ? first.data.schoolId : null;
        return oneStream(pupilStream(pupilId), decision, pupil.schoolId ?? enrolled, respond);
      },
      complete: how.complete,
    });
  }

  /** Rule 1 needs the pupil's age when they act themself; only then is the birth date opened. */
  birthDateOf(state: PupilState, guardianId: string): string | null {
    if (guardianId !== state.pupilId || !state.personal) return null;
    const personal = this.personal.open<{ birthDate?: string }>(guardianId, state.personal);
    return 'shredded' in personal ? null : (personal.birthDate ?? null);
  }
}
