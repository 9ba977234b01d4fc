import type { EventStore, EventToAppend } from '../../../core/ports/event-store.port';
import { refuse } from '../../domain/errors';
import type { RecordedEvent } from '../../domain/recorded-event';
import type { CommandDoor } from '../command-door';
import type { CommandMeta } from '../command-meta';

/*
 * A small register for the door's specs, with the three kinds of decision rule 6 is about: one that
 * appends, a refusal and an exact repeat (both append nothing). A register is open or closed and
 * holds entries; `Cleared` empties it, so an entry recorded before is new again after it.
 */

export interface Register {
  readonly closed: boolean;
  readonly entries: readonly string[];
}

type RegisterEvent = { readonly type: 'Closed' | 'Reopened' | 'Cleared' } | { readonly type: 'Recorded'; readonly data: { readonly entry: string } };

const evolve = (s: Register, e: RegisterEvent): Register => {
  switch (e.type) {
    case 'Closed':
      return { ...s, closed: true };
    case 'Reopened':
      return { ...s, closed: false };
    case 'Cleared':
      return { ...s, entries: [] };
    case 'Recorded':
      return { ...s, entries: [...s.entries, e.data.entry] };
  }
};

export const registerFold = { evolve, initial: { closed: false, entries: [] } as Register };

const meta: CommandMeta = { actor: { id: 'spec', role: 'registrar' }, correlationId: 'c', causationId: null, idempotency: null };

/** What recording an entry answered: appended, or an exact repeat; with the register as decided on. */
export interface Recorded {
  readonly outcome: 'appended' | 'repeat';
  readonly entries: readonly string[];
}

/** Records `entry` in `stream` through `door`: refused (VALIDATION.INVALID) while closed, nothing appended when already there. */
export const record = (door: CommandDoor, stream: string, entry: string): Promise<Recorded> =>
  door.run<{ r: { stream: string; fold: typeof registerFold } }, Recorded>({
    meta,
    reads: { r: { stream, fold: registerFold } },
    decide: ({ r }) => {
      if (r.closed) refuse('VALIDATION.INVALID', `register ${stream} is closed`);
      if (r.entries.includes(entry)) return { appends: [], answer: () => ({ outcome: 'repeat', entries: r.entries }) };
      return {
        appends: [{ stream, events: [{ type: 'Recorded', occurredAt: '2026-01-01T00:00:00.000Z', data: { entry } }], schoolId: null }],
        answer: () => ({ outcome: 'appended', entries: r.entries }),
      };
    },
  });

/** An event as a writer that is no door would append it: no data, another actor. */
export const eventBeside = (type: string): EventToAppend => ({
  eventId: `beside-${Math.random()}`,
  type,
  occurredAt: '2026-01-01T00:00:00.000Z',
  recordedAt: '2026-01-01T00:00:00.000Z',
  data: {},
  metadata: {
    schemaVersion: 1,
    actor: { id: 'other', role: 'registrar' },
    schoolId: null,
    correlationId: 'o',
    causationId: null,
    idempotencyKeySha256: null,
  },
});

/** Appends `type` (Closed, Reopened, Cleared) straight through the store, after whatever the stream holds: a writer that is no door. */
export const appendBeside = async (store: EventStore, stream: string, type: 'Closed' | 'Reopened' | 'Cleared'): Promise<readonly RecordedEvent[]> => {
  const { revision } = await store.readStream(stream);
  return store.append([{ stream, expectedRevision: revision < 0 ? 'no_stream' : revision, events: [eventBeside(type)] }]);
};

/** `store` as it is, with the streams it was asked to read listed in `reads` (in order, once per read). */
export const countingReads = <S extends EventStore>(store: S): { readonly store: S; readonly reads: string[] } => {
  const reads: string[] = [];
  const counted = new Proxy(store, {
    get: (target, p, receiver) => {
      if (p === 'readStream')
        return (stream: string, from?: number) => {
          reads.push(stream);
          return target.readStream(stream, from);
        };
      const value = Reflect.get(target, p, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { store: counted, reads };
};
