import type { RecordedEvent } from '../domain/recorded-event';
import type { EventStore, StreamRead } from '../../core/ports/event-store.port';
import { type StateSize, sizeOfState } from './approximate-bytes';

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

interface Kept extends Folded<unknown> {
  readonly fold: Fold<unknown>;
  /** The state's estimated size (sizeOfState); with its key and record around it, `size.bytes + keyBytes`. */
  readonly size: StateSize;
  readonly bytes: number;
  /** The stream's last revision as the store told it (watchAppends): past `revision`, the state is behind. */
  head: number;
}

/** What is kept now: streams, and their states' estimated size in bytes. */
export interface KeptSize {
  readonly streams: number;
  readonly bytes: number;
}

/**
 * The folded states of the streams this process decided on, within a budget of bytes, least recently
 * used first out. Streams only grow, so a kept state is never wrong, only behind: a read fetches just
 * the events after it. Where the store is the one writer of its log and tells of every append it
 * commits (`watchAppends`: the embedded store, the in-memory one), a kept state it has not told
 * to have moved is current, and is decided on without reading at all. Where other processes append
 * too (a shared store), the tail is read before every decision, one that appends nothing included:
 * that read is the check of the stream's revision (rule 6).
 */
export class FoldedStates {
  private readonly states = new Map<string, Kept>();
  private bytes = 0;
  /** Streams being read now, with the last revision told meanwhile (-1: none): a read does not hide an append. */
  private readonly reading = new Map<string, number>();
  private readonly told: boolean;

  /**
   * @param budget bytes of states kept (approximateBytes); 0 keeps none. A state larger than the whole
   *   budget is not kept.
   */
  constructor(
    private readonly store: Pick<EventStore, 'readStream' | 'watchAppends'>,
    private readonly budget: number,
  ) {
    this.told = store.watchAppends !== undefined;
    store.watchAppends?.((stream, revision) => this.moved(stream, revision));
  }

  async read<S>(stream: string, fold: Fold<S>): Promise<Folded<S>> {
    const seen = this.states.get(stream);
    const kept = seen?.fold === fold ? seen : undefined;
    if (kept && this.current(kept)) {
      this.touch(stream, kept);
      return kept as Folded<S>;
    }
    const from = kept ?? { state: fold.initial, revision: -1 };
    if (this.told) this.reading.set(stream, -1);
    let read: StreamRead;
    let toldMeanwhile = -1;
    try {
      read = await this.store.readStream(stream, from.revision + 1);
    } finally {
      toldMeanwhile = this.reading.get(stream) ?? -1;
      this.reading.delete(stream);
    }
    const { revision, events } = read;
    const state = events.reduce((s, e) => fold.evolve(s, e as never), from.state as S);
    // What was told before the read, the read has seen; only what was told during it may lie beyond.
    this.keep(stream, state, revision, fold as Fold<unknown>, Math.max(revision, toldMeanwhile), kept?.size);
    return { state, revision };
  }

  /** Whether anything was appended to `stream` after `revision`: known without a read where the store tells. */
  async movedPast(stream: string, revision: number): Promise<boolean> {
    const kept = this.states.get(stream);
    if (kept && kept.revision === revision && this.current(kept)) return false;
    return (await this.store.readStream(stream, revision + 1)).events.length > 0;
  }

  /** Folds what this process just appended at `expected`, so the next command reads nothing. */
  advance(stream: string, expected: number, recorded: readonly RecordedEvent[]): void {
    const seen = this.states.get(stream);
    if (!seen || seen.revision !== expected || recorded.length === 0) return;
    const state = recorded.reduce((s, e) => seen.fold.evolve(s, e as never), seen.state);
    const revision = recorded[recorded.length - 1].revision;
    this.keep(stream, state, revision, seen.fold, Math.max(revision, seen.head), seen.size);
  }

  /** The stream is not where its kept state says (an append expecting it was refused): read it next time. */
  behind(stream: string): void {
    const kept = this.states.get(stream);
    if (kept) kept.head = Infinity;
  }

  size(): KeptSize {
    return { streams: this.states.size, bytes: this.bytes };
  }

  private current(kept: Kept): boolean {
    return this.told && kept.head <= kept.revision;
  }

  private moved(stream: string, revision: number): void {
    const kept = this.states.get(stream);
    if (kept && revision > kept.head) kept.head = revision;
    const reading = this.reading.get(stream);
    if (reading !== undefined && revision > reading) this.reading.set(stream, revision);
  }

  private touch(stream: string, kept: Kept): void {
    // A Map keeps insertion order: deleting and setting again makes it the most recent.
    this.states.delete(stream);
    this.states.set(stream, kept);
  }

  /** `sized`: the size of the state this one was folded on from, to extrapolate (sizeOfState). */
  private keep(stream: string, state: unknown, revision: number, fold: Fold<unknown>, head: number, sized?: StateSize): void {
    const before = this.states.get(stream);
    if (before) {
      this.states.delete(stream);
      this.bytes -= before.bytes;
    }
    const size = sizeOfState(state, revision + 1, sized);
    const bytes = size.bytes + STREAM_KEY + stream.length;
    if (bytes > this.budget) return;
    this.states.set(stream, { state, revision, fold, size, bytes, head });
    this.bytes += bytes;
    for (const [oldest, kept] of this.states) {
      if (this.bytes <= this.budget) break;
      this.states.delete(oldest);
      this.bytes -= kept.bytes;
    }
  }
}

/** The Map entry and the Kept record around a state, in bytes. */
const STREAM_KEY = 120;
