import {
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type AppendResult,
  type EventData,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type ResolvedEvent,
  type SubscribeToAllOptions,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import type { EsdbClient } from '../esdb-client';

interface Stored {
  readonly streamId: string;
  readonly id: string;
  readonly type: string;
  readonly revision: bigint;
  /** The bytes the real client sends: JSON text, parsed again on every read. */
  readonly data: string;
  readonly metadata: string | undefined;
  readonly position: Position;
}

const never = new Promise<never>(() => undefined);
const cmp = (a: Position, b: Position) => (a.commit === b.commit ? (a.prepare < b.prepare ? -1 : a.prepare > b.prepare ? 1 : 0) : a.commit < b.commit ? -1 : 1);

/**
 * EventStoreDB's behaviour as the adapter meets it, in memory: revisions from 0, positions that are
 * not consecutive, expected-revision checks with the server's idempotence (the same ids at an
 * earlier expected revision are the write it has), system events in `$all`, reads from a position
 * inclusive, subscriptions after it exclusive, server-side filters. `fault` makes every call fail
 * (`unavailable`) or never answer (`silent`); `calls` keeps each call's deadline.
 */
export class FakeEsdbClient implements EsdbClient {
  fault: 'unavailable' | 'silent' | null = null;
  readonly calls: { readonly method: string; readonly deadline: number | undefined }[] = [];
  private readonly all: Stored[] = [];
  private readonly streams = new Map<string, Stored[]>();
  private next = 1000n;
  private wake: () => void = () => undefined;
  private appended = new Promise<void>((r) => (this.wake = r));

  constructor() {
    this.systemEvent('$$$stats', '$metadata');
  }

  /** Something EventStoreDB writes itself, which the ledger must never take for its own. */
  systemEvent(stream = '$stats-127.0.0.1:2113', type = '$statsCollected'): void {
    this.store(stream, [{ id: `00000000-0000-4000-8000-${String(this.next).padStart(12, '0')}`, type, data: '{}', metadata: undefined }]);
  }

  private store(streamId: string, events: { id: string; type: string; data: string; metadata: string | undefined }[]): Stored[] {
    const stream = this.streams.get(streamId) ?? [];
    const stored = events.map((e, i) => {
      this.next += 37n;
      return { streamId, ...e, revision: BigInt(stream.length + i), position: { commit: this.next, prepare: this.next - 5n } };
    });
    this.streams.set(streamId, [...stream, ...stored]);
    this.all.push(...stored);
    this.wake();
    this.appended = new Promise<void>((r) => (this.wake = r));
    return stored;
  }

  private enter(method: string, deadline: number | undefined): void {
    this.calls.push({ method, deadline });
    if (this.fault === 'unavailable') throw new UnavailableError(undefined, 'fake: no leader');
  }

  async appendToStream(
    streamName: string,
    events: EventData[],
    options: { expectedRevision: AppendExpectedRevision; deadline: number },
  ): Promise<AppendResult> {
    this.enter('appendToStream', options.deadline);
    if (this.fault === 'silent') return never;
    const stream = this.streams.get(streamName) ?? [];
    const current = stream.length - 1;
    const expected = options.expectedRevision;
    const from = expected === 'no_stream' ? 0 : typeof expected === 'bigint' ? Number(expected) + 1 : -1;
    const same = from >= 0 && events.every((e, i) => stream[from + i]?.id === e.id);
    const fits = expected === 'any' || (expected === 'no_stream' ? current === -1 : expected === 'stream_exists' ? current >= 0 : Number(expected) === current);
    if (!fits && stream.length > 0 && same)
      return { success: true, nextExpectedRevision: BigInt(from + events.length - 1), position: stream[from + events.length - 1].position };
    if (!fits) throw new WrongExpectedVersionError(undefined, { streamName, expected, current: current < 0 ? 'no_stream' : BigInt(current) });
    const text = (v: unknown) => (v === undefined ? undefined : v instanceof Uint8Array ? Buffer.from(v).toString() : JSON.stringify(v));
    const stored = this.store(
      streamName,
      events.map((e) => ({ id: e.id, type: e.type, data: text(e.data) as string, metadata: text(e.metadata) })),
    );
    const last = stored[stored.length - 1];
    return { success: true, nextExpectedRevision: last.revision, position: last.position };
  }

  private resolved(s: Stored): AllStreamResolvedEvent {
    const event = {
      streamId: s.streamId,
      id: s.id,
      isJson: true as const,
      revision: s.revision,
      type: s.type,
      created: new Date(),
      data: JSON.parse(s.data),
      metadata: s.metadata && JSON.parse(s.metadata),
      position: s.position,
    };
    return { event, commitPosition: s.position.commit };
  }

  private async *items<T>(method: string, deadline: number | undefined, list: () => T[]): AsyncGenerator<T> {
    this.enter(method, deadline);
    if (this.fault === 'silent') await never;
    yield* list();
  }

  readStream(streamName: string, options: ReadStreamOptions): AsyncIterable<ResolvedEvent> {
    return this.items('readStream', options.deadline, () => {
      const stream = this.streams.get(streamName);
      if (!stream) throw new StreamNotFoundError(undefined, streamName);
      const backwards = options.direction === 'backwards';
      const from =
        options.fromRevision === 'start' || options.fromRevision === undefined
          ? 0
          : options.fromRevision === 'end'
            ? stream.length - 1
            : Number(options.fromRevision);
      const picked = backwards ? stream.slice(0, from + 1).reverse() : stream.slice(from);
      return picked.slice(0, Number(options.maxCount ?? Infinity)).map((s) => this.resolved(s) as ResolvedEvent);
    });
  }

  readAll(options: ReadAllOptions): AsyncIterable<AllStreamResolvedEvent> {
    return this.items('readAll', options.deadline, () => {
      const at = options.fromPosition;
      const backwards = options.direction === 'backwards';
      const inRange = (s: Stored) =>
        at === undefined || at === 'start' || at === 'end' ? true : backwards ? cmp(s.position, at) <= 0 : cmp(s.position, at) >= 0;
      const picked = (backwards ? [...this.all].reverse() : this.all).filter((s) =>
        at === 'end' && !backwards ? false : at === 'start' && backwards ? false : inRange(s),
      );
      return picked.slice(0, Number(options.maxCount ?? Infinity)).map((s) => this.resolved(s));
    });
  }

  subscribeToAll(options: SubscribeToAllOptions): AsyncIterable<AllStreamResolvedEvent> & { unsubscribe(): Promise<void> } {
    let stopped = false;
    let stop: () => void = () => undefined;
    const stopping = new Promise<void>((r) => (stop = r));
    const filter = options.filter && 'regex' in options.filter ? { on: options.filter.filterOn, regex: new RegExp(options.filter.regex) } : null;
    const passes = (s: Stored) => !filter || filter.regex.test(filter.on === 'eventType' ? s.type : s.streamId);
    // A generator function has a `this` of its own: the client is reached through `self`.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    async function* run(): AsyncGenerator<AllStreamResolvedEvent> {
      self.enter('subscribeToAll', options.deadline);
      const at = options.fromPosition;
      let i = at === undefined || at === 'start' ? 0 : at === 'end' ? self.all.length : self.all.findIndex((s) => cmp(s.position, at) > 0);
      if (i < 0) i = self.all.length;
      while (!stopped) {
        if (self.fault) throw new UnavailableError(undefined, 'fake: subscription dropped');
        if (i < self.all.length) {
          const s = self.all[i++];
          if (passes(s)) yield self.resolved(s);
        } else await Promise.race([self.appended, stopping]);
      }
    }
    return Object.assign(run(), { unsubscribe: async () => ((stopped = true), stop()) });
  }

  async dispose(): Promise<void> {
    this.wake();
  }
}
