import type { RecordedEvent } from '../../ledger/domain/recorded-event';

/**
 * A write of several streams that stopped part way: the events listed were written, the rest
 * not. EventStoreDB (before KurrentDB 25.1's multi-stream append) has no transaction across
 * streams, so the adapter writes each stream under its own expected revision, one after the
 * other, and says so with this error — never `WrongExpectedRevision`, so that no one decides
 * again and writes the first streams twice.
 *
 * How a sharing of many pupils keeps its meaning without such a transaction (the wiring follows
 * this design):
 * 1. The sharing is decided on every pupil's state as read (rule 5), and its id is derived from the
 *    idempotency key when there is one (uuid v5), so that a repeat of the command continues it.
 * 2. Each pupil's `DataShared` (naming the sharing id and how many pupils it has) is appended to the
 *    pupil's stream with the revision its consent was judged on. No pupil is ever recorded as
 *    shared without consent: a withdrawal that came in between makes that pupil's write fail, and
 *    the decision is made again for that pupil on the new state (rule 6).
 * 3. Only then is `DataSharingCompleted {sharingId, pupils, eventIds}` appended to `sharing-{id}`
 *    with `NO_STREAM`; the command answers 201 only after it. If a pupil now lacks consent, or the
 *    command gives up, `DataSharingAbandoned` is appended there instead (`NO_STREAM` again: exactly
 *    one of the two stands, also when the lease holder's sweeper abandons a sharing that an
 *    instance which died left incomplete for longer than a set time).
 * 4. No reader takes a half-made sharing for a complete one: projections hold a pupil's
 *    `DataShared` aside until its sharing's completion is read, and drop it on abandonment; the
 *    feed and Kafka publish a sharing from its completion event, which names every pupil; the
 *    history shows a pupil's pending or abandoned sharing as such, and `verify` counts a
 *    `DataShared` without either marker past the sweeper's time as a problem.
 */
export class MultiStreamAppendIncomplete extends Error {
  constructor(
    readonly written: readonly RecordedEvent[],
    readonly failedStream: string,
    override readonly cause: unknown,
  ) {
    super(`a write of several streams stopped at ${failedStream}; ${written.length} events of it were written`);
    this.name = 'MultiStreamAppendIncomplete';
  }
}
