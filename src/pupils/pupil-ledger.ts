import { Inject, Injectable } from '@nestjs/common';
import { CommandRunner, type CommandResult } from '../ledger/command-handling/command-runner';
import type { CommandMeta } from '../ledger/command-handling/command-meta';
import { refuse } from '../ledger/domain/errors';
import { DEFAULT_CATALOGUE } from '../ledger/domain/purposes';
import { pupilStream } from '../ledger/domain/streams';
import { KeyStore } from '../personal-data/key-store';
import type { PupilKeys } from '../personal-data/pupil-keys';
import { PERSONAL_DATA, type PersonalData } from '../personal-data/personal-data';
import type { PupilCommand } from './domain/pupil-commands';
import { mustBeServed } from './domain/school-scope-policy';
import { decidePupil } from './domain/pupil-decider';
import { evolvePupil, initialPupilState, type PupilState } from './domain/pupil-state';

export const pupilFold = { evolve: evolvePupil, initial: initialPupilState };

/** The generic handler of every single-stream pupil command; the use cases only build the command. */
@Injectable()
export class PupilLedger {
  constructor(
    readonly runner: CommandRunner,
    @Inject(KeyStore) readonly keys: PupilKeys,
    @Inject(PERSONAL_DATA) readonly personal: PersonalData,
  ) {}

  /** A destruction under way owns the stream: nothing else may be decided until it has finished. */
  refuseIfShredding(pupilId: string): void {
    if (this.keys.isShredding(pupilId))
      refuse('PUPIL.DOSSIER_DESTROYED', `the dossier of pupil ${pupilId} was destroyed`);
  }

  async handle(
    pupilId: string,
    meta: CommandMeta,
    command: (state: PupilState) => PupilCommand,
    respond: (ref: { eventId: string; position: string }) => unknown = (ref) => ref,
  ): Promise<CommandResult> {
    return this.runner.run({
      stream: pupilStream(pupilId),
      fold: pupilFold,
      meta,
      command: (state) => {
        mustBeServed(state, pupilId, meta.schools);
        this.refuseIfShredding(pupilId);
        return command(state);
      },
      decide: (c, s, now) => decidePupil(c, s, { now, catalogue: DEFAULT_CATALOGUE }),
      schoolId: (s, events) => s.schoolId ?? (events[0]?.type === 'PupilEnrolled' ? events[0].data.schoolId : null),
      respond: (ref) => respond({ eventId: ref.eventId, position: ref.position }),
    });
  }

  /** Rule 1 needs the pupil's age when they act themself; only then is the birth date opened. */
  birthDateOf(state: PupilState, guardianId: string): string | null {
    if (guardianId !== state.pupilId || !state.personal) return null;
    const personal = this.personal.open<{ birthDate?: string }>(guardianId, state.personal);
    return 'shredded' in personal ? null : (personal.birthDate ?? null);
  }
}
