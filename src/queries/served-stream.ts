import { refuse } from '../ledger/domain/errors';
import type { RecordedEvent } from '../ledger/domain/recorded-event';
import { type Schools, serves } from '../ledger/domain/school-scope';
import { pupilStream } from '../ledger/domain/streams';
import type { PupilEventData } from '../pupils/domain/pupil-events';
import type { EventStore } from '../core/ports/event-store.port';

/**
 * The pupil's own stream, for reads that take it from the store rather than a read model.
 * @throws PUPIL.NOT_FOUND (404) when the pupil was never enrolled, or its school is not the key's.
 */
export const servedPupilStream = async (store: EventStore, pupilId: string, schools: Schools): Promise<readonly RecordedEvent[]> => {
  const { events } = await store.readStream(pupilStream(pupilId));
  const enrolment = events.find((e) => e.type === 'PupilEnrolled')?.data as PupilEventData['PupilEnrolled'] | undefined;
  if (!enrolment || !serves(schools, enrolment.schoolId)) refuse('PUPIL.NOT_FOUND', `pupil ${pupilId} is not enrolled`);
  return events;
};
