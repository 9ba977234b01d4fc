import { GENESIS, chainHash } from '../../core/hash-chain';
import {
  type AppendListener,
  type AppendOptions,
  DuplicateEventId,
  type EventStore,
  IdempotencyKeyUsed,
  type IdempotencyRecord,
  type StoreCondition,
  type StreamRead,
  type StreamWrite,
  type Subscription,
  WrongExpectedRevision,
  satisfies,
  compareDecimalPositions,
} from '../../core/ports/event-store.port';
import type { RecordedEvent } from '../../ledger/domain/recorded-event';
import { ms } from '../../ledger/domain/time-instant';
import { ReadAllSubscription } from '../read-all-subscription';

/** What the store holds, apart from the store: a "restart" opens a new store over the same log. */
export class InMemoryLog {
  readonly events: RecordedEvent[] = [];
  readonly streams = new Map<string, RecordedEvent[]>();
  readonly ids = new Set<string>();
  readonly idempotency = new Map<string, IdempotencyRecord>();
  /** Told of every append to this log, through whichever store over it: the log is the one writer. */
  readonly appended = new Set<AppendListener>();
}

const keyOf = (scope: string, key: string) => JSON.stringify([scope, key]);

/**
 * The event store in memory, for fast handler specs: the port's promises (expected revisions,
 * all-or-nothing appends of several streams, one id once, the idempotency record with its events,
 * `recordedAt` held monotonic, the hash chain) without a file. Positions are "1", "2", … .
 * Nothing survives the process; never the ledger's store.
 */
export class InMemoryEventStore implements EventStore {
  readonly atomicMultiStreamAppend = true;
  private readonly listeners = new Set<() => void>();
  private closed = false;

  constructor(private readonly log: InMemoryLog = new InMemoryLog()) {}

  readonly watchAppends = (listener: AppendListener): (() => void) => {
    this.log.appended.add(listener);
    return () => this.log.appended.delete(listener);
  };

  async readStream(stream: string, fromRevision = 0): Promise<StreamRead> {
    const all = this.log.streams.get(stream) ?? [];
    return { revision: all.length - 1, events: all.slice(Math.max(0, fromRevision)) };
  }

  /** Checks everything first and then writes, so a refused append leaves no trace. */
  async append(writes: readonly StreamWrite[], options: AppendOptions = {}): Promise<readonly RecordedEvent[]> {
    this.refuseIfClosed();
    const idem = options.idempotency;
    const used = idem && this.log.idempotency.get(keyOf(idem.scope, idem.key));
    if (used) throw new IdempotencyKeyUsed(used);
    const ids = new Set<string>();
    const planned: RecordedEvent[] = [];
    const heads = new Map<string, { revision: number; hash: string }>();
    let last = this.log.events.at(-1)?.recordedAt;
    for (const w of writes) {
      const stored = this.log.streams.get(w.stream) ?? [];
      const head = heads.get(w.stream) ?? { revision: stored.length - 1, hash: stored.at(-1)?.hash ?? GENESIS };
      if (!satisfies(w.expectedRevision, head.revision)) throw new WrongExpectedRevision(w.stream, w.expectedRevision, head.revision);
      let { revision, hash } = head;
      for (const e of w.events) {
        if (this.log.ids.has(e.eventId) || ids.has(e.eventId)) throw new DuplicateEventId(e.eventId);
        ids.add(e.eventId);
        revision++;
        // Never earlier than the last stored record time: a clock set back cannot reorder what was known when.
        const recordedAt = last !== undefined && ms(last) > ms(e.recordedAt) ? last : e.recordedAt;
        const position = String(this.log.events.length + planned.length + 1);
        const text = {
          eventId: e.eventId,
          stream: w.stream,
          revision,
          type: e.type,
          occurredAt: e.occurredAt,
          recordedAt,
          metadata: JSON.stringify(e.metadata),
          data: JSON.stringify(e.data),
        };
        hash = chainHash(hash, text);
        // Stored as a copy of its JSON: what a reader gets cannot be changed through the caller's objects.
        planned.push({ ...text, position, metadata: JSON.parse(text.metadata) as RecordedEvent['metadata'], data: JSON.parse(text.data), hash });
        last = recordedAt;
      }
      heads.set(w.stream, { revision, hash });
    }
    for (const e of planned) {
      this.log.events.push(e);
      this.log.streams.set(e.stream, [...(this.log.streams.get(e.stream) ?? []), e]);
      this.log.ids.add(e.eventId);
    }
    if (idem)
      this.log.idempotency.set(keyOf(idem.scope, idem.key), {
        scope: idem.scope,
        key: idem.key,
        requestHash: idem.requestHash,
        response: idem.response(planned),
      });
    for (const [stream, { revision }] of heads) if (revision >= 0) this.log.appended.forEach((tell) => tell(stream, revision));
    if (planned.length > 0) this.listeners.forEach((wake) => wake());
    return planned;
  }

  async readAll(after: string | null, limit: number): Promise<readonly RecordedEvent[]> {
    const from = after === null ? 0 : Number(after);
    return this.log.events.slice(from, from + limit);
  }

  subscribe(after: string | null, handle: (events: readonly RecordedEvent[]) => Promise<void> | void): Subscription {
    const sub = new ReadAllSubscription(this, after, handle, (wake) => {
      this.listeners.add(wake);
      return () => this.listeners.delete(wake);
    });
    sub.start();
    return sub;
  }

  async findIdempotency(scope: string, key: string): Promise<IdempotencyRecord | undefined> {
    return this.log.idempotency.get(keyOf(scope, key));
  }

  async head(): Promise<string | null> {
    return this.log.events.at(-1)?.position ?? null;
  }

  condition(): StoreCondition {
    return { status: 'ok' };
  }

  comparePositions(a: string, b: string): number {
    return compareDecimalPositions(a, b);
  }

  async hasPosition(position: string): Promise<boolean> {
    return /^[1-9][0-9]{0,15}$/.test(position) && Number(position) <= this.log.events.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
  }

  private refuseIfClosed(): void {
    if (this.closed) throw new Error('the in-memory store was closed');
  }
}
