import { BACKWARDS, FORWARDS, NO_STREAM, StreamNotFoundError, WrongExpectedVersionError } from '@eventstore/db-client';
import type { RecordedEvent } from '../../ledger/domain/recorded-event';
import { isoOf, ms } from '../../ledger/domain/time-instant';
import {
  type AppendOptions,
  type EventStore,
  IdempotencyKeyUsed,
  type IdempotencyRecord,
  type StoreCondition,
  type StreamRead,
  type StreamWrite,
  type Subscription,
  WrongExpectedRevision,
} from '../../core/ports/event-store.port';
import { RemoteStoreCondition } from '../remote-store-condition';
import type { EsdbClient } from './esdb-client';
import { classifyEsdbFault, collect, withDeadline } from './esdb-faults';
import { type Head, chainForEsdb } from './esdb-chain';
import { readIdempotency, recordIdempotency } from './esdb-idempotency';
import { compareEsdbPositions, fromEsdb, parsePosition } from './esdb-mapping';
import { readAllAfter, readHead } from './esdb-reads';
import { EsdbSubscription } from './esdb-subscription';
import { MultiStreamAppendIncomplete } from './esdb-multi-stream';

export interface EventStoreDbOptions {
  readonly client: EsdbClient;
  /** Put before every stream name in the cluster: several ledgers (or test runs) share one cluster apart; default none. */
  readonly streamPrefix?: string;
  /** Deadline (ms) of every call to the cluster; default 5000. */
  readonly deadlineMs?: number;
  /** How often (ms) the cluster is asked whether it answers, for /health; default 2000 (0: never). */
  readonly probeMs?: number;
  /** How long (ms) a dropped subscription waits before it subscribes again; default 1000. */
  readonly retryMs?: number;
  /** The clock `recordedAt` is read from (ms since the epoch). */
  readonly now?: () => number;
  readonly warn?: (message: string) => void;
}

const HEADS_KEPT = 20_000;

/**
 * The event store on EventStoreDB (LEDGER_EVENTSTOREDB_URL), for a board or vendor that runs a cluster.
 * Every call runs under its own deadline; an unreachable cluster makes the condition `unwritable`
 * (commands 503). A stale expected revision is the port's `WrongExpectedRevision`. Positions are
 * `commit:prepare`, opaque. `recordedAt` is this instance's clock, held at or after the last one it
 * gave and the stream's last; the hash chain is the embedded store's, over the JSON as written.
 *
 * **Idempotency** without a transaction: the events' ids are deterministic (see `esdbEventId`),
 * and the record is a stream of its own, written after the events with `NO_STREAM`: the first
 * record of a key stands. A write whose outcome is unknown (deadline passed) is sent once more
 * with the same ids and expected revision, which EventStoreDB takes as the write it has. Left
 * open: an instance that dies between the events and the record; the command sent again then
 * decides on a state that holds its own first events (an exact repeat answers the first event).
 *
 * **No atomic write of several streams** (`atomicMultiStreamAppend` false): see `MultiStreamAppendIncomplete`.
 */
export class EventStoreDbEventStore implements EventStore {
  readonly atomicMultiStreamAppend = false;
  private readonly client: EsdbClient;
  private readonly deadlineMs: number;
  private readonly health: RemoteStoreCondition;
  private readonly heads = new Map<string, Head>();
  /** The last append of this instance to each stream, settled or not. */
  private readonly tails = new Map<string, Promise<void>>();
  private readonly subscriptions = new Set<EsdbSubscription>();
  private lastRecordedAt = 0;
  private readonly prefix: string;

  constructor(private readonly options: EventStoreDbOptions) {
    this.client = options.client;
    this.deadlineMs = options.deadlineMs ?? 5000;
    this.prefix = options.streamPrefix ?? '';
    this.health = new RemoteStoreCondition(
      () => this.call((deadline) => collect(this.client.readAll({ direction: BACKWARDS, fromPosition: 'end', maxCount: 1, deadline }))).then(() => undefined),
      classifyEsdbFault,
    );
    if ((options.probeMs ?? 2000) > 0) this.health.start(options.probeMs ?? 2000);
  }

  /** One call to the cluster under its deadline, counted for the condition; its failure in the ledger's terms. */
  private async call<T>(work: (deadline: number) => Promise<T>, maybeWritten = false): Promise<T> {
    try {
      const value = await withDeadline(this.deadlineMs, work);
      this.health.answered();
      return value;
    } catch (e) {
      if (e instanceof WrongExpectedVersionError || e instanceof StreamNotFoundError) {
        this.health.answered();
        throw e;
      }
      throw this.health.failed(e, maybeWritten);
    }
  }

  private async read(
    stream: string,
    fromRevision: number,
    direction: typeof FORWARDS | typeof BACKWARDS = FORWARDS,
    maxCount?: number,
  ): Promise<RecordedEvent[]> {
    try {
      const resolved = await this.call((deadline) =>
        collect(
          this.client.readStream(this.prefix + stream, { fromRevision: direction === BACKWARDS ? 'end' : BigInt(fromRevision), direction, maxCount, deadline }),
        ),
      );
      return resolved.flatMap((r) => fromEsdb(r, this.prefix)?.event ?? []);
    } catch (e) {
      if (e instanceof StreamNotFoundError) return [];
      throw e;
    }
  }

  private remember(stream: string, e: RecordedEvent | undefined): void {
    if (!e?.hash) return;
    this.heads.delete(stream);
    this.heads.set(stream, { revision: e.revision, hash: e.hash, recordedAt: e.recordedAt });
    if (this.heads.size > HEADS_KEPT) this.heads.delete(this.heads.keys().next().value as string);
  }

  async readStream(stream: string, fromRevision = 0): Promise<StreamRead> {
    const events = await this.read(stream, fromRevision);
    const last = events.length > 0 ? events[events.length - 1] : (await this.read(stream, 0, BACKWARDS, 1))[0];
    this.remember(stream, last);
    return { revision: last?.revision ?? -1, events };
  }

  /** The stream's head as the append must chain on it: from what this instance saw last, else read. */
  private async headFor(w: StreamWrite): Promise<Head | null> {
    if (w.expectedRevision === 'no_stream') return null;
    const known = this.heads.get(w.stream);
    if (known && known.revision === w.expectedRevision) return known;
    const [last] = await this.read(w.stream, 0, BACKWARDS, 1);
    this.remember(w.stream, last);
    const actual = last?.revision ?? -1;
    if (w.expectedRevision !== 'any' && w.expectedRevision !== actual) throw new WrongExpectedRevision(w.stream, w.expectedRevision, actual);
    return last ? { revision: last.revision, hash: last.hash as string, recordedAt: last.recordedAt } : null;
  }

  /**
   * Appends of this instance to one stream run in the order they were called, as in the other
   * stores; the cluster's expected-revision check orders them against other instances.
   */
  append(writes: readonly StreamWrite[], options: AppendOptions = {}): Promise<readonly RecordedEvent[]> {
    const streams = [...new Set(writes.map((w) => w.stream))];
    const before = streams.map((s) => this.tails.get(s) ?? Promise.resolve());
    const run = Promise.all(before).then(() => this.appendAll(writes, options));
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    streams.forEach((s) => this.tails.set(s, tail));
    void tail.then(() => streams.forEach((s) => this.tails.get(s) === tail && this.tails.delete(s)));
    return run;
  }

  private async appendAll(writes: readonly StreamWrite[], options: AppendOptions): Promise<readonly RecordedEvent[]> {
    const idem = options.idempotency;
    const before = idem && (await this.findIdempotency(idem.scope, idem.key));
    if (before) throw new IdempotencyKeyUsed(before);
    const out: RecordedEvent[] = [];
    for (const [i, w] of writes.entries()) {
      try {
        out.push(...(await this.appendOne(w, i, idem)));
      } catch (e) {
        if (out.length > 0) throw new MultiStreamAppendIncomplete(out, w.stream, e);
        throw e;
      }
    }
    if (idem) await this.record({ scope: idem.scope, key: idem.key, requestHash: idem.requestHash, response: idem.response(out) });
    return out;
  }

  private async appendOne(w: StreamWrite, write: number, idem: AppendOptions['idempotency']): Promise<RecordedEvent[]> {
    if (w.events.length === 0) return [];
    const head = await this.headFor(w);
    const now = Math.max(this.options.now?.() ?? Date.now(), this.lastRecordedAt, head ? ms(head.recordedAt) : 0);
    this.lastRecordedAt = now;
    const recordedAt = isoOf(now);
    const first = (head?.revision ?? -1) + 1;
    const events = chainForEsdb(w, head, recordedAt, write, idem);
    const expectedRevision = head ? BigInt(head.revision) : NO_STREAM;
    const send = (maybeWritten: boolean) =>
      this.call((deadline) => this.client.appendToStream(this.prefix + w.stream, events, { expectedRevision, deadline }), maybeWritten);
    try {
      // A write whose outcome is unknown goes once more: the same ids at the same revision are the write EventStoreDB has.
      await send(false).catch((e: unknown) => (e instanceof WrongExpectedVersionError ? Promise.reject(e) : send(true)));
    } catch (e) {
      if (!(e instanceof WrongExpectedVersionError)) throw e;
      const actual = e.actualVersion === NO_STREAM ? -1 : Number(e.actualVersion);
      this.heads.delete(w.stream);
      throw new WrongExpectedRevision(w.stream, w.expectedRevision, actual);
    }
    // Positions are the cluster's: read back what was written (by its ids: they are ours).
    const written = (await this.read(w.stream, first)).slice(0, w.events.length);
    this.remember(w.stream, written[written.length - 1]);
    return written;
  }

  private record(r: IdempotencyRecord): Promise<void> {
    return recordIdempotency((work) => this.call(work), this.client, this.prefix, r);
  }

  findIdempotency(scope: string, key: string): Promise<IdempotencyRecord | undefined> {
    return readIdempotency((work) => this.call(work), this.client, this.prefix, scope, key);
  }

  readAll(after: string | null, limit: number): Promise<readonly RecordedEvent[]> {
    return readAllAfter((work) => this.call(work), this.client, this.prefix, after, limit);
  }

  subscribe(after: string | null, handle: (events: readonly RecordedEvent[]) => Promise<void> | void): Subscription {
    const sub = new EsdbSubscription(
      this.client,
      this.prefix,
      after,
      handle,
      this.options.retryMs ?? 1000,
      this.options.warn ?? ((m) => process.emitWarning(m)),
    );
    this.subscriptions.add(sub);
    sub.start();
    return { close: () => (this.subscriptions.delete(sub), sub.close()) };
  }

  head(): Promise<string | null> {
    return readHead((work) => this.call(work), this.client, this.prefix);
  }

  condition(): StoreCondition {
    return this.health.current();
  }
  readonly comparePositions = compareEsdbPositions;
  async hasPosition(position: string): Promise<boolean> {
    if (!parsePosition(position)) return false;
    const [first] = await readAllAfter((work) => this.call(work), this.client, this.prefix, position, 1, true);
    return first?.position === position;
  }

  async close(): Promise<void> {
    this.health.stop();
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    await this.client.dispose();
  }
}
