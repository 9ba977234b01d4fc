import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Projection } from '../../projections/projection';
import { EVENT_STORE, type EventStore, type Subscription } from '../core/ports/event-store.port';
import { DomainError, errorMessage } from '../ledger/domain/errors';
import type { RecordedEvent } from '../ledger/domain/recorded-event';
import { DocStore, type LastEvent } from './doc-store';
import { type ProjectionSource, loadProjections } from './fold-messages';
import { type Folded, FoldThread } from './fold-thread';
import { PositionWaiters } from './position-waiters';

export type { ProjectionSource } from './fold-messages';
export const PROJECTION_SOURCE = Symbol('ProjectionSource');
const BATCH = 5000;
/** How far (in events) the read models may trail the log while the instance still takes traffic. */
export const READY_WITHIN_EVENTS = BATCH;

/** Whether the read models keep up with the log; nothing about the data. */
export type ReadModelsCondition = { readonly status: 'ok' } | { readonly status: 'behind' | 'failing'; readonly reason: string };

/**
 * Runs every projection, folded and written on a thread of its own (FoldThread) so that commands
 * never wait behind them. Each keeps its own checkpoint; a projection whose version changed starts
 * again from zero. The start-up checks and the subscription stay on the main thread: at start the
 * runner reads the log up to its head and posts it to the thread; from then on it posts the batches
 * its subscription hands it (each event read once), all projections at one checkpoint, committed
 * with their documents. The thread answers the keys it wrote, which leave this thread's cache.
 */
@Injectable()
export class ProjectionRunner implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('projections');
  private readonly projections: readonly Projection<unknown>[];
  private subscription?: Subscription;
  private thread?: FoldThread;
  /** Why the last batch failed, until one succeeds. */
  private failure: string | null = null;
  private readonly waiters: PositionWaiters;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly docs: DocStore,
    @Inject(PROJECTION_SOURCE) private readonly source: ProjectionSource,
  ) {
    this.projections = loadProjections(source);
    this.waiters = new PositionWaiters((a, b) => store.comparePositions(a, b));
  }

  async onModuleInit(): Promise<void> {
    for (const gone of this.docs.retire(this.projections.map((p) => p.name))) this.log.log(`dropped the read model ${gone}, no longer kept`);
    for (const p of this.projections) {
      const cp = this.docs.checkpoint(p.name);
      // Read models at a position this log never gave were built from another log (a restored or
      // replaced one): the events that take those positions now would be passed over. And the event
      // it last applied must still be there: a restored backup or a swapped events.db can hold other
      // events at the same positions.
      const foreign = cp?.position != null && !(await this.store.hasPosition(cp.position));
      const replaced = !foreign && cp?.lastEvent != null && !(await this.stillStored(cp.lastEvent));
      if (!cp || cp.version !== p.version || foreign || replaced) {
        const why = foreign
          ? `the log holds no event at its position ${cp.position}`
          : replaced
            ? `the log no longer holds the event it last applied (${cp.lastEvent!.eventId})`
            : `version ${cp?.version} → ${p.version}`;
        if (cp) this.log.log(`rebuilding ${p.name}: ${why}`);
        this.docs.reset(p.name, p.version);
      }
    }
    // Started once the checks above are done: nothing else writes the file meanwhile.
    this.thread = await FoldThread.start(this.docs.file, this.source);
    await this.catchUp();
    this.waiters.reach(this.docs.checkpoint(this.projections[0]?.name ?? '')?.position ?? null);
    // A batch that fails is logged and handed again by the subscription: nothing is skipped.
    this.subscription = this.store.subscribe(this.waiters.position, (events) => this.fold(events));
  }

  private async stillStored(last: LastEvent): Promise<boolean> {
    const { events } = await this.store.readStream(last.stream, last.revision);
    return events[0]?.eventId === last.eventId;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.close();
    this.waiters.rejectAll(new Error('the read models were closed'));
    await this.thread?.close();
  }

  /** The position every projection reflects: the last event folded into all of them; null before any. */
  reflected(): string | null {
    return this.waiters.position;
  }

  /**
   * Resolves once every projection holds `target` (a position this store gave out), or once
   * `withinMs` passed, whichever is first, with the position they reflect then. Rejects with the
   * failure when a batch cannot be folded meanwhile (STORE.DISK_FULL for a full disk, …).
   */
  waitFor(target: string | null, withinMs: number): Promise<string | null> {
    return this.waiters.waitFor(target, withinMs);
  }

  /** Resolves once every projection holds the log up to its head as it is when called; rejects as waitFor does. */
  async sync(): Promise<void> {
    await this.waitFor(await this.store.head(), Infinity);
  }

  /** For /health: failing since a batch failed, behind while trailing the log by more than READY_WITHIN_EVENTS. */
  async condition(): Promise<ReadModelsCondition> {
    if (this.failure) return { status: 'failing', reason: this.failure };
    const head = Number((await this.store.head()) ?? 0);
    const trailing = this.projections.map((p) => Number(this.docs.checkpoint(p.name)?.position ?? 0));
    if (head - Math.min(...trailing) > READY_WITHIN_EVENTS) return { status: 'behind', reason: 'the read models trail the log by more than their bound' };
    return { status: 'ok' };
  }

  /** One batch into every projection, in one transaction with their checkpoint, in the thread. */
  private async fold(events: readonly RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const position = events[events.length - 1].position;
    try {
      await this.commit(this.projections, events);
    } catch (e) {
      this.failure = e instanceof DomainError ? e.message : 'they could not be brought up to date (the log says why)';
      this.log.error(`projections could not fold the events up to ${position}; retrying: ${errorMessage(e)}`);
      this.waiters.rejectAll(e);
      throw e;
    }
    this.failure = null;
    this.waiters.reach(position);
  }

  /**
   * Folds and commits in the thread (`hold`: keeps the documents there until `flush`); the documents
   * it wrote leave this thread's cache before anyone waits on them.
   */
  private async commit(projections: readonly Projection<unknown>[], events: readonly RecordedEvent[], hold = false): Promise<void> {
    this.forget(
      await this.thread!.fold(
        projections.map((p) => p.name),
        events,
        hold,
      ),
    );
  }

  private forget(folded: Folded): void {
    for (const [projection, keys] of folded.written) this.docs.forget(projection, keys);
  }

  /**
   * At start, reads the log up to its head. Projections at the same checkpoint (all of them, once
   * caught up) share one read and one transaction; one rebuilding from zero reads on its own until
   * it has caught up.
   */
  private async catchUp(): Promise<void> {
    for (;;) {
      const groups = new Map<string | null, Projection<unknown>[]>();
      for (const p of this.projections) {
        const at = this.docs.checkpoint(p.name)?.position ?? null;
        groups.set(at, [...(groups.get(at) ?? []), p]);
      }
      let progressed = false;
      for (const [after, group] of groups) if (await this.catchUpGroup(group, after)) progressed = true;
      if (!progressed) return;
    }
  }

  /**
   * Reads the log after `after` to its head for `group`, the next batch read while the thread folds
   * the one before (a rebuild takes the longer of the two, not their sum); at most one batch is out.
   * The thread holds the documents until the head (or until it holds too many), so a document many
   * batches touch is written once. Answers whether there was anything to fold.
   */
  private async catchUpGroup(group: readonly Projection<unknown>[], after: string | null): Promise<boolean> {
    let folding: Promise<void> | null = null;
    let read = 0;
    try {
      for (let from = after; ;) {
        const events = await this.store.readAll(from, BATCH);
        if (folding) await folding;
        if (events.length === 0) {
          // What the thread held is written now, with the checkpoint it reached.
          if (read > 0) this.forget(await this.thread!.flush());
          return read > 0;
        }
        read += events.length;
        from = events[events.length - 1].position;
        folding = this.commit(group, events, true);
        // Awaited above or below; until then a failure must not count as unhandled.
        folding.catch(() => undefined);
      }
    } finally {
      await folding?.catch(() => undefined);
    }
  }
}
