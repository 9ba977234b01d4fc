import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Projection } from '../../projections/projection';
import { EVENT_STORE, type EventStore, type Subscription } from '../core/ports/event-store.port';
import { BUSY_GIVE_UP_MS, isBusy } from '../store/sqlite-busy';
import { DomainError, errorMessage } from '../ledger/domain/errors';
import { DocStore } from './doc-store';
import { foldBatch } from './fold-batch';

export const PROJECTION_LIST = Symbol('Projections');
const BATCH = 5000;
const BUSY_PAUSE_MS = 10;
/** How far (in events) the read models may trail the log while the instance still takes traffic. */
export const READY_WITHIN_EVENTS = BATCH;

/** Whether the read models keep up with the log; nothing about the data. */
export type ReadModelsCondition = { readonly status: 'ok' } | { readonly status: 'behind' | 'failing'; readonly reason: string };

/**
 * Runs every projection in-process. Each keeps its own checkpoint; a projection whose version
 * changed starts again from zero. Queries call `sync()` first, so a reader sees its own writes.
 */
@Injectable()
export class ProjectionRunner implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('projections');
  private running: Promise<void> = Promise.resolve();
  /** The drain that will start when the running one ends: every caller until then shares it. */
  private queued?: Promise<void>;
  private subscription?: Subscription;
  /** Why the last run failed, until a run succeeds. */
  private failure: string | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly docs: DocStore,
    @Inject(PROJECTION_LIST) private readonly projections: readonly Projection<unknown>[],
  ) {}

  async onModuleInit(): Promise<void> {
    for (const gone of this.docs.retire(this.projections.map((p) => p.name))) this.log.log(`dropped the read model ${gone}, no longer kept`);
    const head = Number((await this.store.head()) ?? 0);
    for (const p of this.projections) {
      const cp = this.docs.checkpoint(p.name);
      // Read models past the log's head were built from another log (a restored or replaced one):
      // the events that take those positions now would be passed over.
      const ahead = cp?.position != null && Number(cp.position) > head;
      if (!cp || cp.version !== p.version || ahead) {
        if (cp) this.log.log(`rebuilding ${p.name}: ${ahead ? `it is past the log's head (${cp.position} > ${head})` : `version ${cp.version} → ${p.version}`}`);
        this.docs.reset(p.name, p.version);
      }
    }
    await this.sync();
    // New events wake the runner; it reads them itself so that catch-up and live are one path. A
    // failed run is logged, not thrown: the next wake (or query) starts again from the checkpoint.
    this.subscription = this.store.subscribe(await this.store.head(), () =>
      this.sync().catch((e: unknown) => this.log.error(`projections could not catch up; retrying on the next event: ${errorMessage(e)}`)),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.close();
    await this.running;
  }

  /**
   * Brings every projection up to the store's head as it is when called. A drain not yet started
   * will read at least that far, so callers that arrive while one is waiting join it: under load
   * the projections fold one large batch instead of one small batch per append.
   */
  sync(): Promise<void> {
    if (this.queued) return this.queued;
    // A failed run must not poison the queue: the next call starts from the checkpoint again.
    const next = this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.drainAll();
      })
      .then(
        () => void (this.failure = null),
        (e: unknown) => {
          this.failure = e instanceof DomainError ? e.message : 'they could not be brought up to date (the log says why)';
          throw e;
        },
      );
    this.queued = next;
    this.running = next;
    return next;
  }

  /** For /health: failing since a run failed, behind while trailing the log by more than READY_WITHIN_EVENTS. */
  async condition(): Promise<ReadModelsCondition> {
    if (this.failure) return { status: 'failing', reason: this.failure };
    const head = Number((await this.store.head()) ?? 0);
    const trailing = this.projections.map((p) => Number(this.docs.checkpoint(p.name)?.position ?? 0));
    if (head - Math.min(...trailing) > READY_WITHIN_EVENTS) return { status: 'behind', reason: 'the read models trail the log by more than their bound' };
    return { status: 'ok' };
  }

  /**
   * Projections at the same checkpoint (all of them, once caught up) share one read of the log and
   * one transaction; one rebuilding from zero reads on its own until it has caught up.
   */
  private async drainAll(): Promise<void> {
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
        const position = events[events.length - 1].position;
        const parts = group.map((p) => ({ projection: p.name, version: p.version, docs: foldBatch(p, events, (key) => this.docs.get(p.name, key)), position }));
        // The checkpoint thread holds the read models' lock now and then: wait, then commit.
        for (let waited = 0; ; waited += BUSY_PAUSE_MS) {
          try {
            this.docs.commitMany(parts);
            break;
          } catch (e) {
            if (!isBusy(e) || waited >= BUSY_GIVE_UP_MS) throw e;
            await new Promise((r) => setTimeout(r, BUSY_PAUSE_MS));
          }
        }
      }
      if (!progressed) return;
    }
  }
}
