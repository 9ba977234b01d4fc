import { type Decision, type EventRef, isUnchanged, type NewEvent } from '../domain/recorded-event';
import type { Verdict } from './command-door';

/**
 * The verdict of a one-stream decision: its events appended to `stream`, answered with the first
 * event's id and position — or, for an exact repeat, the recorded event it repeats.
 */
export const oneStream = <E extends NewEvent, A>(stream: string, decision: Decision<E>, schoolId: string | null, respond: (ref: EventRef) => A): Verdict<A> =>
  isUnchanged(decision)
    ? { appends: [], answer: () => respond({ eventId: decision.unchanged.eventId, position: decision.unchanged.position }) }
    : { appends: [{ stream, events: decision, schoolId }], answer: (recorded) => respond({ eventId: recorded[0].eventId, position: recorded[0].position }) };
