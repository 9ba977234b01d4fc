import type { RecordedEvent, NewEvent } from '../domain/recorded-event';
import type { EventToAppend } from '../../core/ports/event-store.port';
import type { CommandMeta } from './command-meta';
import type { Fold } from './folded-states';

/*
 * What a use case hands the door (CommandDoor): the streams it reads, a pure decision over their
 * states, and the hooks that run once that decision stands.
 */

/** A stream a command reads, and how its events fold into the state it decides on. */
export interface StreamRef<S> {
  readonly stream: string;
  readonly fold: Fold<S>;
}

/** The streams a command reads, by name: one, or a list of them (a sharing's pupils). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each entry has a state type of its own
export type Reads = Readonly<Record<string, StreamRef<any> | readonly StreamRef<any>[]>>;

/** The folded state of each stream read, under the same names (a list for a list). */
export type StatesOf<R extends Reads> = {
  readonly [K in keyof R]: R[K] extends readonly StreamRef<infer S>[] ? readonly S[] : R[K] extends StreamRef<infer S> ? S : never;
};

/** New events for one of the streams read; appended at the revision the decision was made on. */
export interface Append {
  readonly stream: string;
  readonly events: readonly NewEvent[];
  /** The school the events concern; null for the board's own streams (register, catalogue). */
  readonly schoolId: string | null;
}

/** What a decision over the states read comes to. Nothing to append: an exact repeat, answered as such. */
export interface Verdict<A> {
  readonly appends: readonly Append[];
  /** The answer, made from the recorded events of `appends` in their order (none when nothing was appended). */
  readonly answer: (recorded: readonly RecordedEvent[]) => A;
}

/** The enveloped events of one stream, as a hook sees them before they are appended. */
export interface PlannedWrite {
  readonly stream: string;
  readonly events: readonly EventToAppend[];
}

export interface CommandRun<R extends Reads, A> {
  readonly meta: CommandMeta;
  readonly reads: R;
  /** The decision, pure but for what the command itself carries: throws a DomainError to refuse. */
  readonly decide: (states: StatesOf<R>, now: string) => Verdict<A>;
  /**
   * Finishes the events once the decision stands, e.g. seals personal data under a key made only
   * now, so a refused command leaves no key behind. Should the append meet a change after all, the
   * command is decided again (and finished again).
   */
  readonly complete?: (writes: readonly PlannedWrite[]) => readonly PlannedWrite[];
  /**
   * What cannot be undone, right before the append of one stream (record a shredding intent, destroy
   * a key). It and `complete` run only when there is something to append, and only after the door
   * checked that no other process appended to the streams meanwhile (else it decides again), so
   * neither runs for a stale decision. Should the append still meet a change another process made
   * after that check, the same events follow that change: the decision has taken effect.
   */
  readonly beforeAppend?: (writes: readonly PlannedWrite[]) => void | Promise<void>;
  /** Runs once the events are stored (clears a shredding intent). */
  readonly afterAppend?: (recorded: readonly RecordedEvent[]) => void | Promise<void>;
}
