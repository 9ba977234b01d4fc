import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { CommandMeta } from '../ledger/command-handling/command-meta';
import { oneStream } from '../ledger/command-handling/verdicts';
import { errorMessage } from '../ledger/domain/errors';
import type { EventRef } from '../ledger/domain/recorded-event';
import { pupilStream } from '../ledger/domain/streams';
import type { EventToAppend } from '../core/ports/event-store.port';
import type { DestroyDossier } from './domain/pupil-commands';
import { decidePupil } from './domain/pupil-decider';
import { mustBeServed } from './domain/school-scope-policy';
import { PupilLedger, pupilRef } from './pupil-ledger';

interface Intent {
  readonly events: readonly EventToAppend[];
  readonly meta: CommandMeta;
}

/** How long a destruction that could not be finished (a full disk, a lost store) waits before it is tried again. */
const RETRY_MS = 5000;

/**
 * Rule 8, crash-safely, through the one door: decide, then — only once the decision stands on the
 * stream as it is — record the intent and destroy the key, then append the proof and clear the
 * intent. A crash at any step leaves an intent that the next start finishes, so a destroyed key is
 * always followed by its proof and never by a second decision.
 */
@Injectable()
export class DossierShredder implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('dossier-shredder');
  private retry?: NodeJS.Timeout;

  constructor(private readonly ledger: PupilLedger) {}

  /** Answers `{eventId, position}` of the proof, `DossierDestroyed`. */
  async destroy(command: DestroyDossier, meta: CommandMeta): Promise<EventRef> {
    const { door, keys } = this.ledger;
    const { pupilId } = command;
    let intended = false;
    try {
      return await door.run({
        meta,
        reads: { pupil: pupilRef(pupilId) },
        decide: ({ pupil }, now) => {
          mustBeServed(pupil, pupilId, meta.schools);
          this.ledger.refuseIfShredding(pupilId);
          const decision = decidePupil(command, pupil, { now, catalogue: this.ledger.catalogue.current() });
          return oneStream(pupilStream(pupilId), decision, pupil.schoolId, (ref) => ref);
        },
        beforeAppend: async ([proof]) => {
          const intent: Intent = { events: proof.events, meta };
          await keys.recordIntent({ pupilId, payload: JSON.stringify(intent) });
          intended = true;
          await keys.destroyKey(pupilId);
        },
        afterAppend: async () => {
          await keys.clearIntent(pupilId);
        },
      });
    } catch (e) {
      // The intent stays, and with it the pupil's 410: finished as soon as the store takes it.
      if (intended) this.retryLater();
      throw e;
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.finishPending();
  }

  onApplicationShutdown(): void {
    clearTimeout(this.retry);
  }

  /** Finishes every destruction whose intent is recorded: after a crash, or once the store takes writes again. */
  private async finishPending(): Promise<void> {
    const { door, keys } = this.ledger;
    for (const pending of await keys.pendingIntents()) {
      this.log.warn(`finishing an interrupted dossier destruction (${pending.pupilId})`);
      const intent = JSON.parse(pending.payload) as Intent;
      // The crash may have come between the intent and the key's destruction.
      await keys.destroyKey(pending.pupilId);
      // The key is gone, so the destruction has happened: the proof goes after whatever else reached the stream meanwhile.
      await door.appendDecided(pupilStream(pending.pupilId), intent.events, intent.meta, ([proof]) => ({ eventId: proof.eventId, position: proof.position }));
      await keys.clearIntent(pending.pupilId);
    }
  }

  private retryLater(): void {
    if (this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.finishPending().catch((e: unknown) => {
        this.log.warn(`an interrupted dossier destruction could not be finished yet: ${errorMessage(e)}`);
        this.retryLater();
      });
    }, RETRY_MS);
    this.retry.unref();
  }
}
