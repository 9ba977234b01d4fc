import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Projection } from '../../projections/projection';
import { EVENT_STORE, type EventStore, type Subscription } from '../core/ports/event-store.port';
import { BUSY_GIVE_UP_MS, isBusy } from '../store/sqlite-busy';
import { DomainError, errorMessage } from '../ledger/domain/errors';
import type { RecordedEvent } from '../ledger/domain/recorded-event';
import { DocStore, type LastEvent } from './doc-store';
import { foldBatch } from './fold-batch';

export const PROJECTION_LIST = Symbol('Projections');
const BATCH = 5000;
const BUSY_PAUSE_MS = 10;
/** How far (in events) the read models may trail the log while the instance still takes traffic. */
export const READY_WITHIN_EVENTS = BATCH;

/** Whether the read models keep up with the log; nothing about the data. */
export type ReadModelsCondition = { readonly status: 'ok' } | { readonly status: 'behind' | 'failing'; readonly reason: string };

interface Waiter {
  readonly target: string;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Runs every projection in-process. Each keeps its own checkpoint; a projection whose version
 * changed starts again from zero. At start the runner catches up by reading the log itself; from
 * then on it folds the batches its subscription hands it (each event read once), all projections
 * at one checkpoint, committed with their documents. Queries call `sync()` first, so a reader sees
 * its own writes.
 */
@Injectable()
export class ProjectionRunner implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('projections');
  private subscription?: Subscription;
  /** Why the last batch failed, until one succeeds. */
  private failure: string | null = null;
  /** Where every projection stands once caught up; null before the log's first event. */
  private position: string | null = null;
  private waiters: Waiter[] = [];

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly docs: DocStore,
    @Inject(PROJECTION_LIST) private readonly projections: readonly Projection<unknown>[],
  ) {}

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
    await this.catchUp();
    this.position = this.docs.checkpoint(this.projections[0]?.name ?? '')?.position ?? null;
    // A batch that fails is logged and handed again by the subscription: nothing is skipped.
    this.subscription = this.store.subscribe(this.position, (events) => this.fold(events));
  }

  private async stillStored(last: LastEvent): Promise<boolean> {
    const { events } = await this.store.readStream(last.stream, last.revision);
    return events[0]?.eventId === last.eventId;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.close();
    this.waiters.splice(0).forEach((w) => w.reject(new Error('the read models were closed')));
  }

  /**
   * Resolves once every projection holds the log up to its head as it is when called. Rejects with
   * the failure when the batch it waits for cannot be folded (the read models' disk is full, …).
   */
  async sync(): Promise<void> {
    const head = await this.store.head();
    if (head === null || this.reached(head)) return;
    return new Promise<void>((resolve, reject) => this.waiters.push({ target: head, resolve, reject }));
  }

  /** For /health: failing since a batch failed, behind while trailing the log by more than READY_WITHIN_EVENTS. */
  async condition(): Promise<ReadModelsCondition> {
    if (this.failure) return { status: 'failing', reason: this.failure };
    const head = Number((await this.store.head()) ?? 0);
    const trailing = this.projections.map((p) => Number(this.docs.checkpoint(p.name)?.position ?? 0));
    if (head - Math.min(...trailing) > READY_WITHIN_EVENTS) return { status: 'behind', reason: 'the read models trail the log by more than their bound' };
    return { status: 'ok' };
  }

  private reached(position: string): boolean {
    return this.position !== null && this.store.comparePositions(this.position, position) >= 0;
  }

  /** One batch into every projection, in one transaction with their checkpoint. */
  private async fold(events: readonly RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const position = events[events.length - 1].position;
    try {
      await this.commit(this.parts(this.projections, events));
    } catch (e) {
      this.failure = e instanceof DomainError ? e.message : 'they could not be brought up to date (the log says why)';
      this.log.error(`projections could not fold the events up to ${position}; retrying: ${errorMessage(e)}`);
      this.waiters.splice(0).forEach((w) => w.reject(e));
      throw e;
    }
    this.failure = null;
    this.position = position;
    this.waiters = this.waiters.filter((w) => !(this.reached(w.target) && (w.resolve(), true)));
  }

  /** Each projection's documents after the batch, with its checkpoint: the position and the event it last applied. */
  private parts(projections: readonly Projection<unknown>[], events: readonly RecordedEvent[]): Parameters<DocStore['commitMany']>[0] {
    const { position, eventId, stream, revision } = events[events.length - 1];
    const lastEvent = { eventId, stream, revision };
    return projections.map((p) => ({
      projection: p.name,
      version: p.version,
      docs: foldBatch(p, events, (key) => this.docs.get(p.name, key)),
      position,
      lastEvent,
    }));
  }

  /** The checkpoint thread holds the read models' lock now and then: wait, then commit. */
  private async commit(parts: Parameters<DocStore['commitMany']>[0]): Promise<void> {
    for (let waited = 0; ; waited += BUSY_PAUSE_MS) {
      try {
        return this.docs.commitMany(parts);
      } catch (e) {
        if (!isBusy(e) || waited >= BUSY_GIVE_UP_MS) throw e;
        await new Promise((r) => setTimeout(r, BUSY_PAUSE_MS));
      }
    }
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
      for (const [after, group] of groups) {
        const events = await this.store.readAll(after, BATCH);
        if (events.length === 0) continue;
        progressed = true;
        await this.commit(this.parts(group, events));
      }
      if (!progressed) return;
    }
  }
}
