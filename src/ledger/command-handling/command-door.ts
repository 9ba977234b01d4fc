import { Inject, Injectable, Optional } from '@nestjs/common';
import { LedgerConfig, WARM_STATE_BYTES } from '../../config/ledger-config';
import { DomainError, refuse } from '../domain/errors';
import type { RecordedEvent } from '../domain/recorded-event';
import {
  EVENT_STORE,
  type EventStore,
  type EventToAppend,
  IdempotencyKeyUsed,
  type IdempotencyRecord,
  type StreamWrite,
  WrongExpectedRevision,
} from '../../core/ports/event-store.port';
import { AcknowledgedPosition } from './acknowledged-position';
import { Clock } from './clock';
import type { CommandMeta, IdempotencyRequest } from './command-meta';
import { envelope } from './envelope';
import type { CommandRun, PlannedWrite, Reads, StatesOf, StreamRef } from './command-run';
import { FoldedStates, type KeptSize } from './folded-states';
import { StreamQueue } from './stream-queue';

export type { Fold } from './folded-states';
export type { Append, CommandRun, PlannedWrite, Reads, StatesOf, StreamRef, Verdict } from './command-run';

export { SCHEMA_VERSION } from './envelope';
/** How often a command is decided again when another process appended to its streams meanwhile. */
const ATTEMPTS = 5;

/**
 * The one way to run a command: read the streams, fold, decide, append with the expected revisions
 * (rule 6); on a concurrent change, all of it again on the new state. Commands of this process on
 * one stream take turns (StreamQueue); an idempotency key answers its first answer again (rule 10).
 */
@Injectable()
export class CommandDoor {
  private readonly folded: FoldedStates;
  private readonly queue = new StreamQueue();

  /** `config.warmStateBytes` bounds the states kept between commands (LEDGER_WARM_STATE_BYTES; 256 MiB without a config). */
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly clock: Clock,
    @Optional() config?: LedgerConfig,
    /** Told every position this door answers, for the queries that wait for it. */
    @Optional() readonly acknowledged: AcknowledgedPosition = new AcknowledgedPosition(store),
  ) {
    this.folded = new FoldedStates(store, config?.warmStateBytes ?? WARM_STATE_BYTES);
  }

  /** The folded states kept between commands: how many, and their estimated bytes (for /metrics). */
  warmState(): KeptSize {
    return this.folded.size();
  }

  /** The time and a new id, for a command that names itself (a sharing's id, a scheduler's correlation). */
  now(): string {
    return this.clock.now();
  }

  newId(): string {
    return this.clock.id();
  }

  run<R extends Reads, A>(command: CommandRun<R, A>): Promise<A> {
    const refs = Object.values(command.reads).flatMap((r) => (Array.isArray(r) ? (r as readonly StreamRef<unknown>[]) : [r as StreamRef<unknown>]));
    return this.queue.run(
      refs.map((r) => r.stream),
      () => this.decideAndAppend(command, refs).catch((e: unknown) => this.firstAnswerOr<A>(command.meta, e)),
    );
  }

  /**
   * The same idempotency key's first request may have been recorded (by another instance) between
   * the look-up and this decision, which then refused what that request did: its answer stands,
   * not the refusal (rule 10).
   */
  private async firstAnswerOr<A>(meta: CommandMeta, e: unknown): Promise<A> {
    const idem = meta.idempotency;
    if (!(e instanceof DomainError) || !idem) throw e;
    const first = this.replay(idem, await this.store.findIdempotency(idem.scope, idem.keyHash));
    if (!first) throw e;
    return first.response as A;
  }

  /**
   * Appends events whose decision has already taken effect (a destroyed key whose proof is still to
   * be written, after a crash): after whatever the stream holds now, exactly once — when the first
   * of them is stored already, those stored are answered. `answer` is what an idempotency key of
   * `meta` answers from then on.
   */
  appendDecided(
    stream: string,
    events: readonly EventToAppend[],
    meta: CommandMeta,
    answer: (recorded: readonly RecordedEvent[]) => unknown,
  ): Promise<readonly RecordedEvent[]> {
    return this.queue.run([stream], () => this.appendAfterAll(stream, events, meta, answer));
  }

  private async decideAndAppend<R extends Reads, A>(command: CommandRun<R, A>, refs: readonly StreamRef<unknown>[]): Promise<A> {
    const { meta } = command;
    const replayed = meta.idempotency && this.replay(meta.idempotency, await this.store.findIdempotency(meta.idempotency.scope, meta.idempotency.keyHash));
    if (replayed) return replayed.response as A;
    for (let attempt = 1; ; attempt++) {
      const now = this.clock.now();
      const revisions = new Map<string, number>();
      const states = new Map<string, unknown>();
      for (const ref of refs) {
        const { state, revision } = await this.folded.read(ref.stream, ref.fold);
        revisions.set(ref.stream, revision);
        states.set(ref.stream, state);
      }
      const stateOf = (r: StreamRef<unknown>) => states.get(r.stream);
      const named = Object.fromEntries(
        Object.entries(command.reads).map(([k, r]) => [k, Array.isArray(r) ? (r as StreamRef<unknown>[]).map(stateOf) : stateOf(r as StreamRef<unknown>)]),
      ) as StatesOf<R>;
      const verdict = command.decide(named, now);
      let writes: PlannedWrite[] = verdict.appends
        .filter((a) => a.events.length > 0)
        .map((a) => {
          if (!revisions.has(a.stream)) throw new Error(`a decision appends to ${a.stream}, which it did not read`);
          return { stream: a.stream, events: envelope(a.events, meta, a.schoolId, now, () => this.clock.id()) };
        });
      this.mustBeAtomic(writes);
      let irreversible = false;
      if ((command.complete || command.beforeAppend) && writes.length > 0) {
        if (await this.movedPast(writes, revisions)) continue;
        if (command.complete) writes = [...command.complete(writes)];
        if (command.beforeAppend) {
          if (writes.length !== 1) throw new Error('what cannot be undone is done for one stream at a time');
          await command.beforeAppend(writes);
          irreversible = true;
        }
      }
      try {
        const expected = (stream: string) => (revisions.get(stream)! < 0 ? ('no_stream' as const) : revisions.get(stream)!);
        const stored = await this.append(
          writes.map((w) => ({ ...w, expectedRevision: expected(w.stream) })),
          meta,
          verdict.answer,
        );
        await command.afterAppend?.(stored);
        return verdict.answer(stored);
      } catch (e) {
        if (e instanceof IdempotencyKeyUsed) return this.replay(meta.idempotency!, e.record)!.response as A;
        if (!(e instanceof WrongExpectedRevision)) throw e;
        this.folded.behind(e.stream);
        if (irreversible) {
          // Only another process can have appended (this one queues): the decision took effect, so its events follow.
          const stored = await this.appendAfterAll(writes[0].stream, writes[0].events, meta, verdict.answer);
          await command.afterAppend?.(stored);
          return verdict.answer(stored);
        }
        if (attempt >= ATTEMPTS) throw new DomainError('STORE.CONCURRENT_CHANGE', `stream ${e.stream} kept changing; try again`);
      }
    }
  }

  /**
   * Where the store cannot write several streams all-or-nothing (`atomicMultiStreamAppend` false:
   * EventStoreDB), a command that must write several is refused before anything is written, rather
   * than leave some of them written: 501 STORE.NOT_ATOMIC, naming the way that works (one per command).
   */
  private mustBeAtomic(writes: readonly PlannedWrite[]): void {
    if (writes.length > 1 && !this.store.atomicMultiStreamAppend)
      refuse('STORE.NOT_ATOMIC', `this store cannot record ${writes.length} streams all-or-nothing; nothing was recorded`, [
        { field: 'pupilIds', problem: 'with this store, a command may record one pupil at a time' },
      ]);
  }

  private async movedPast(writes: readonly PlannedWrite[], revisions: ReadonlyMap<string, number>): Promise<boolean> {
    for (const w of writes) if (await this.folded.movedPast(w.stream, revisions.get(w.stream)!)) return true;
    return false;
  }

  private async append(
    writes: readonly StreamWrite[],
    meta: CommandMeta,
    answer: (recorded: readonly RecordedEvent[]) => unknown,
  ): Promise<readonly RecordedEvent[]> {
    const idem = meta.idempotency;
    const idempotency = idem ? { scope: idem.scope, key: idem.keyHash, requestHash: idem.requestHash, response: answer } : undefined;
    const recorded = await this.store.append(writes, { idempotency });
    this.acknowledged.note(recorded);
    let at = 0;
    for (const w of writes) {
      const mine = recorded.slice(at, (at += w.events.length));
      this.folded.advance(w.stream, w.expectedRevision === 'no_stream' ? -1 : (w.expectedRevision as number), mine);
    }
    return recorded;
  }

  private async appendAfterAll(
    stream: string,
    events: readonly EventToAppend[],
    meta: CommandMeta,
    answer: (recorded: readonly RecordedEvent[]) => unknown,
  ): Promise<readonly RecordedEvent[]> {
    for (;;) {
      const { revision, events: held } = await this.store.readStream(stream);
      const at = held.findIndex((e) => e.eventId === events[0].eventId);
      if (at >= 0) {
        const stored = held.slice(at, at + events.length);
        this.acknowledged.note(stored);
        return stored;
      }
      try {
        return await this.append([{ stream, expectedRevision: revision < 0 ? 'no_stream' : revision, events }], meta, answer);
      } catch (e) {
        if (!(e instanceof WrongExpectedRevision)) throw e;
      }
    }
  }

  /** The first answer under a repeated idempotency key; the same key with another request is refused (rule 10). */
  private replay(idem: IdempotencyRequest, record: IdempotencyRecord | undefined): IdempotencyRecord | undefined {
    if (!record) return undefined;
    if (record.requestHash !== idem.requestHash)
      refuse('IDEMPOTENCY.KEY_REUSED', 'this Idempotency-Key was used for a different request', [
        { field: 'Idempotency-Key', problem: 'already used with another method, path or body' },
      ]);
    return record;
  }
}
