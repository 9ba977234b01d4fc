import { Inject, Injectable } from '@nestjs/common';
import type { ApiKeyHolder } from '../auth/api-keys';
import { Clock } from '../ledger/command-handling/clock';
import { SCHEMA_VERSION } from '../ledger/command-handling/envelope';
import { errorMessage, refuse } from '../ledger/domain/errors';
import { readsStream } from '../ledger/domain/streams';
import { EVENT_STORE, type EventStore } from '../core/ports/event-store.port';
import { PERSONAL_DATA_READ, type PersonalDataReadData, type ReadKind } from './domain/read-events';

/** One recorded read, as the auditor lists it. `readAt` is UTC (ms). */
export interface ReadLine {
  readonly eventId: string;
  readonly readAt: string;
  readonly read: ReadKind;
  readonly keyId: string;
  readonly role: string;
}

/**
 * Records reads of personal data before they are answered, in the log itself (hash-chained and
 * sealed like every event), each pupil's in a stream of its own.
 */
@Injectable()
export class PersonalDataReads {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  /**
   * Appends that `holder` reads `read` of the pupil now. Called before anything is revealed.
   * @throws READS.NOT_RECORDED (503) when it cannot be appended: the read is then refused, never left untraced
   */
  async record(pupilId: string, schoolId: string | null, read: ReadKind, holder: ApiKeyHolder): Promise<void> {
    const now = this.clock.now();
    const data: PersonalDataReadData = { pupilId, read };
    try {
      await this.store.append([
        {
          stream: readsStream(pupilId),
          expectedRevision: 'any',
          events: [
            {
              eventId: this.clock.id(),
              type: PERSONAL_DATA_READ,
              occurredAt: now,
              recordedAt: now,
              data,
              metadata: {
                schemaVersion: SCHEMA_VERSION,
                actor: { id: holder.keyId, role: holder.role },
                schoolId,
                correlationId: this.clock.id(),
                causationId: null,
                idempotencyKeySha256: null,
              },
            },
          ],
        },
      ]);
    } catch (e) {
      refuse('READS.NOT_RECORDED', `this read of personal data could not be recorded, so it is refused (${errorMessage(e)})`);
    }
  }

  /** Every recorded read of the pupil, oldest first. */
  async of(pupilId: string): Promise<ReadLine[]> {
    const { events } = await this.store.readStream(readsStream(pupilId));
    return events.map((e) => ({
      eventId: e.eventId,
      readAt: e.recordedAt,
      read: (e.data as PersonalDataReadData).read,
      keyId: e.metadata.actor.id,
      role: e.metadata.actor.role,
    }));
  }
}
