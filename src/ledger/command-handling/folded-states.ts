import type { RecordedEvent } from '../domain/recorded-event';
import type { EventStore } from '../../core/ports/event-store.port';

/** How a stream's events fold into the state a decision reads. */
export interface Fold<S> {
  readonly evolve: (state: S, event: never) => S;
  readonly initial: S;
}

export interface Folded<S> {
  readonly state: S;
  /** The revision of the last event folded; -1 for a stream that does not exist. */
  readonly revision: number;
}

/** Streams whose folded state is kept between commands (a pupil's state is a few kB). */
const KEPT = 20_000;

interface Kept extends Folded<unknown> {
  readonly fold: Fold<unknown>;
}

/**
 * The folded states of the streams this process decided on, least recently used first out. Streams
 * only grow, so a kept state is never wrong, only behind: a read fetches just the events after it.
 */
export class FoldedStates {
  private readonly states = new Map<string, Kept>();

  constructor(private readonly store: Pick<EventStore, 'readStream'>) {}

  async read<S>(stream: string, fold: Fold<S>): Promise<Folded<S>> {
    const seen = this.states.get(stream);
    const from = seen?.fold === fold ? (seen as Folded<S>) : { state: fold.initial, revision: -1 };
    const { revision, events } = await this.store.readStream(stream, from.revision + 1);
    const state = events.reduce((s, e) => fold.evolve(s, e as never), from.state);
    this.keep(stream, { state, revision, fold: fold as Fold<unknown> });
    return { state, revision };
  }

  /** Whether anything was appended to `stream` after `revision` (a cheap read of the tail). */
  async movedPast(stream: string, revision: number): Promise<boolean> {
    return (await this.store.readStream(stream, revision + 1)).events.length > 0;
  }

  /** Folds what this process just appended at `expected`, so the next command reads nothing. */
  advance(stream: string, expected: number, recorded: readonly RecordedEvent[]): void {
    const seen = this.states.get(stream);
    if (!seen || seen.revision !== expected || recorded.length === 0) return;
    const state = recorded.reduce((s, e) => seen.fold.evolve(s, e as never), seen.state);
    this.keep(stream, { state, revision: recorded[recorded.length - 1].revision, fold: seen.fold });
  }

  private keep(stream: string, kept: Kept): void {
    // A Map keeps insertion order: deleting and setting again makes it the most recent.
    this.states.delete(stream);
    this.states.set(stream, kept);
    if (this.states.size > KEPT) this.states.delete(this.states.keys().next().value as string);
  }
}
