import type { RecordedEvent } from '../../../ledger/domain/recorded-event';
import { pupilIdOfStream } from '../../../ledger/domain/streams';
import {
  type AppendOptions,
  type EventStore,
  type IdempotencyRecord,
  type StoreCondition,
  type StreamRead,
  type StreamWrite,
  type Subscription,
  WrongExpectedRevision,
} from '../../../core/ports/event-store.port';
import type { SharedKeys } from './shared-keys';

/** Another instance made the pupil's key first: what was sealed here is decided again, as on any conflict. */
export class KeyMadeElsewhere extends WrongExpectedRevision {
  constructor(stream: string, expected: StreamWrite['expectedRevision']) {
    super(stream, expected, -1);
    this.message = `the key of ${stream} was made by another instance first; deciding again`;
  }
}

/**
 * The shared store as the ledger's instances use it: every read of a pupil's stream also reads the
 * pupil's key as it is now (SharedKeys.refresh), and every append first stores the keys this
 * instance made for the pupils it writes. Everything else passes through unchanged.
 */
export class KeysFollowingStore implements EventStore {
  readonly atomicMultiStreamAppend: boolean;

  constructor(
    readonly inner: EventStore,
    private readonly keys: SharedKeys,
  ) {
    this.atomicMultiStreamAppend = inner.atomicMultiStreamAppend;
  }

  async readStream(stream: string, fromRevision?: number): Promise<StreamRead> {
    const pupilId = pupilIdOfStream(stream);
    if (pupilId === null) return this.inner.readStream(stream, fromRevision);
    const [read] = await Promise.all([this.inner.readStream(stream, fromRevision), this.keys.refresh(pupilId)]);
    return read;
  }

  async append(writes: readonly StreamWrite[], options?: AppendOptions): Promise<readonly RecordedEvent[]> {
    const pupils = writes.flatMap((w) => pupilIdOfStream(w.stream) ?? []);
    const lost = new Set(await this.keys.storePending(pupils));
    const stale = writes.find((w) => lost.has(pupilIdOfStream(w.stream) ?? ''));
    if (stale) throw new KeyMadeElsewhere(stale.stream, stale.expectedRevision);
    return this.inner.append(writes, options);
  }

  readAll(after: string | null, limit: number): Promise<readonly RecordedEvent[]> {
    return this.inner.readAll(after, limit);
  }

  subscribe(after: string | null, handle: (events: readonly RecordedEvent[]) => Promise<void> | void): Subscription {
    return this.inner.subscribe(after, handle);
  }

  findIdempotency(scope: string, key: string): Promise<IdempotencyRecord | undefined> {
    return this.inner.findIdempotency(scope, key);
  }

  head(): Promise<string | null> {
    return this.inner.head();
  }

  comparePositions(a: string, b: string): number {
    return this.inner.comparePositions(a, b);
  }

  condition(): StoreCondition {
    return this.inner.condition();
  }

  hasPosition(position: string): Promise<boolean> {
    return this.inner.hasPosition(position);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
