import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { CommandMeta } from '../ledger/command-handling/command-meta';
import type { CommandResult } from '../ledger/command-handling/command-runner';
import { DEFAULT_CATALOGUE } from '../ledger/domain/purposes';
import { isUnchanged } from '../ledger/domain/recorded-event';
import { pupilStream } from '../ledger/domain/streams';
import { type EventToAppend, WrongExpectedRevision } from '../store/event-store.port';
import type { DestroyDossierDto } from './destroy-dossier/destroy-dossier.dto';
import { decidePupil } from './domain/pupil-decider';
import { mustBeServed } from './domain/school-scope-policy';
import { PupilLedger, pupilFold } from './pupil-ledger';
import { errorMessage } from '../ledger/domain/errors';

interface Intent {
  readonly events: readonly EventToAppend[];
  readonly meta: CommandMeta;
}

/** How long a destruction that could not be finished (a full disk, a lost store) waits before it is tried again. */
const RETRY_MS = 5000;

/**
 * Rule 8, crash-safely: record the intent, destroy the key, append the proof, clear the intent.
 * A crash at any step leaves an intent that the next start finishes, so a destroyed key is
 * always followed by its proof and never by a second decision.
 */
@Injectable()
export class DossierShredder implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('dossier-shredder');
  private retry?: NodeJS.Timeout;

  constructor(private readonly ledger: PupilLedger) {}

  destroy(pupilId: string, dto: DestroyDossierDto, meta: CommandMeta): Promise<CommandResult> {
    const { runner, keys } = this.ledger;
    return runner.withRetries(meta, async () => {
      const now = runner.clock.now();
      const { state } = await runner.fold(pupilStream(pupilId), pupilFold);
      mustBeServed(state, pupilId, meta.schools);
      this.ledger.refuseIfShredding(pupilId);
      const command = { type: 'DestroyDossier' as const, pupilId, reason: dto.reason, destroyedAt: dto.destroyedAt };
      const decision = decidePupil(command, state, { now, catalogue: DEFAULT_CATALOGUE });
      if (isUnchanged(decision)) return { status: 201, body: decision.unchanged };
      const intent: Intent = { events: runner.envelope(decision, meta, state.schoolId, now), meta };
      await keys.recordIntent({ pupilId, payload: JSON.stringify(intent) });
      return this.finish(pupilId, intent).catch((e: unknown) => {
        // The intent stays, and with it the pupil's 410: finished as soon as the store takes it.
        this.retryLater();
        throw e;
      });
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.finishPending();
  }

  onApplicationShutdown(): void {
    clearTimeout(this.retry);
  }

  /** Finishes every destruction whose intent is recorded: after a crash, or once the store takes writes again. */
  private async finishPending(): Promise<void> {
    for (const pending of await this.ledger.keys.pendingIntents()) {
      this.log.warn(`finishing an interrupted dossier destruction (${pending.pupilId})`);
      await this.finish(pending.pupilId, JSON.parse(pending.payload) as Intent);
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

  private async finish(pupilId: string, intent: Intent): Promise<CommandResult> {
    const { runner, keys } = this.ledger;
    await keys.destroyKey(pupilId);
    const stream = pupilStream(pupilId);
    const respond = (ref: { eventId: string; position: string }) => ({ eventId: ref.eventId, position: ref.position });
    for (;;) {
      const { revision, events } = await runner.store.readStream(stream);
      const done = events.find((e) => e.eventId === intent.events[0].eventId);
      if (done) {
        await keys.clearIntent(pupilId);
        return { status: 201, body: respond(done) };
      }
      try {
        // The key is gone, so the destruction has happened: the proof goes after whatever else
        // reached the stream meanwhile, never instead of it.
        const result = await runner.commit([{ stream, expectedRevision: revision < 0 ? 'no_stream' : revision, events: intent.events }], intent.meta, (es) =>
          respond(es[0]),
        );
        await keys.clearIntent(pupilId);
        return result;
      } catch (e) {
        if (!(e instanceof WrongExpectedRevision)) throw e;
      }
    }
  }
}
