import { DomainError, type ErrorCode } from '../errors';
import { isUnchanged, type Decision, type NewEvent, type RecordedEvent } from '../recorded-event';

export type Given<E extends NewEvent> = E & { readonly recordedAt?: string };

/** Gives a decider's own events the envelope a store would, in the order listed. */
export const record = <E extends NewEvent>(events: readonly Given<E>[], stream = 'test-1'): RecordedEvent<E['type'], E['data']>[] =>
  events.map((e, i) => ({
    eventId: `evt-${i + 1}`,
    type: e.type,
    stream,
    revision: i,
    position: String(i + 1),
    occurredAt: e.occurredAt,
    recordedAt: e.recordedAt ?? e.occurredAt,
    metadata: { schemaVersion: 1, actor: { id: 'spec', role: 'registrar' }, schoolId: null, correlationId: 'c', causationId: null, idempotencyKeySha256: null },
    data: e.data,
  }));

interface Decider<C, E extends NewEvent, S, X> {
  readonly decide: (c: C, s: S, ctx: X) => Decision<E>;
  readonly evolve: (s: S, e: RecordedEvent<E['type'], E['data']> & E) => S;
  readonly initial: S;
}

/** given(events).when(command).then(events) — the decider specs' one shape. */
export const specFor = <C, E extends NewEvent, S, X>(d: Decider<C, E, S, X>, ctx: X) => ({
  given: (events: readonly Given<E>[] = []) => {
    const state = record(events).reduce((s, e) => d.evolve(s, e as never), d.initial);
    const run = (c: C) => d.decide(c, state, ctx);
    return {
      state,
      when: (command: C) => ({
        then: (expected: readonly E[]) => {
          const decision = run(command);
          expect(isUnchanged(decision)).toBe(false);
          expect(decision).toEqual(expected);
        },
        thenUnchanged: (eventId: string) => {
          const decision = run(command);
          expect(isUnchanged(decision) && decision.unchanged.eventId).toBe(eventId);
        },
        thenRefused: (code: ErrorCode, detail?: object) => {
          let caught: unknown;
          try {
            run(command);
          } catch (e) {
            caught = e;
          }
          expect(caught).toBeInstanceOf(DomainError);
          expect((caught as DomainError).code).toBe(code);
          if (detail) expect((caught as DomainError).details).toContainEqual(expect.objectContaining(detail));
        },
      }),
    };
  },
});
