import { Inject, Injectable } from '@nestjs/common';
import { DomainError, refuse } from '../domain/errors';
import { type Decision, type NewEvent, type RecordedEvent, isUnchanged } from '../domain/recorded-event';
import {
  EVENT_STORE,
  type EventStore,
  type EventToAppend,
  IdempotencyKeyUsed,
  type IdempotencyRecord,
  type StreamWrite,
  WrongExpectedRevision,
} from '../../store/event-store.port';
import { Clock } from './clock';
import type { CommandMeta, IdempotencyRequest } from './command-meta';

export const SCHEMA_VERSION = 1;
const ATTEMPTS = 5;
/** Streams whose folded state is kept between commands (a pupil's state is a few kB). */
const STATE_CACHE = 20_000;

export interface Folded<S> {
  readonly state: S;
  readonly revision: number;
}

export interface Fold<S> {
  readonly evolve: (state: S, event: never) => S;
  readonly initial: S;
}

export interface CommandResult {
  readonly status: number;
  readonly body: unknown;
}

/**
 * Read → fold → decide → append with the expected revision; on a concurrent change, all of it
 * again on the new state, so no decision is ever made on a stale one (rule 6).
 */
@Injectable()
export class CommandRunner {
  private readonly states = new Map<string, { readonly state: unknown; readonly revision: number; readonly fold: object }>();

  constructor(
    @Inject(EVENT_STORE) readonly store: EventStore,
    readonly clock: Clock,
  ) {}

  /**
   * The state of a stream, folded from the last state this process saw of it: only events after
   * that revision are read. Streams only grow, so the cached state is never wrong, only behind.
   */
  async fold<S>(stream: string, fold: Fold<S>): Promise<Folded<S>> {
    const seen = this.states.get(stream);
    const from = seen?.fold === fold ? (seen as Folded<S>) : { state: fold.initial, revision: -1 };
    const { revision, events } = await this.store.readStream(stream, from.revision + 1);
    return this.remember(stream, { state: events.reduce((s, e) => fold.evolve(s, e as never), from.state), revision, fold });
  }

  private remember<S>(stream: string, folded: Folded<S> & { readonly fold: Fold<S> }): Folded<S> {
    // Least recently used goes first: a Map keeps insertion order.
    this.states.delete(stream);
    this.states.set(stream, folded);
    if (this.states.size > STATE_CACHE) this.states.delete(this.states.keys().next().value as string);
    return folded;
  }

  /** Folds what this process just appended into the cached states, so the next command reads nothing. */
  private advance(writes: readonly StreamWrite[], recorded: readonly RecordedEvent[]): void {
    let at = 0;
    for (const w of writes) {
      const mine = recorded.slice(at, (at += w.events.length));
      const seen = this.states.get(w.stream) as (Folded<unknown> & { fold: Fold<unknown> }) | undefined;
      const expected = w.expectedRevision === 'no_stream' ? -1 : w.expectedRevision;
      if (!seen || seen.revision !== expected || mine.length === 0) continue;
      this.remember(w.stream, { state: mine.reduce((s, e) => seen.fold.evolve(s, e as never), seen.state), revision: mine[mine.length - 1].revision, fold: seen.fold });
    }
  }

  envelope(events: readonly NewEvent[], meta: CommandMeta, schoolId: string | null, now: string): EventToAppend[] {
    return events.map((e) => ({
      eventId: this.clock.id(),
      type: e.type,
      occurredAt: e.occurredAt,
      recordedAt: now,
      data: e.data,
      metadata: {
        schemaVersion: SCHEMA_VERSION,
        actor: meta.actor,
        schoolId,
        correlationId: meta.correlationId,
        causationId: meta.causationId,
        idempotencyKeySha256: meta.idempotency?.keyHash ?? null,
      },
    }));
  }

  /** Answers a repeated idempotency key from the record, or refuses a reused one (rule 10). */
  replay(idem: IdempotencyRequest | null, record: IdempotencyRecord | undefined): CommandResult | undefined {
    if (!idem || !record) return undefined;
    if (record.requestHash !== idem.requestHash)
      refuse('IDEMPOTENCY.KEY_REUSED', 'this Idempotency-Key was used for a different request', [
        { field: 'Idempotency-Key', problem: 'already used with another method, path or body' },
      ]);
    return { status: record.status, body: record.response };
  }

  /** Retries `attempt` while another writer got there first; replays a used idempotency key. */
  async withRetries(meta: CommandMeta, attempt: () => Promise<CommandResult>): Promise<CommandResult> {
    const before = meta.idempotency && (await this.store.findIdempotency(meta.idempotency.scope, meta.idempotency.keyHash));
    const replayed = this.replay(meta.idempotency, before ?? undefined);
    if (replayed) return replayed;
    for (let i = 1; ; i++) {
      try {
        return await attempt();
      } catch (e) {
        if (e instanceof IdempotencyKeyUsed) return this.replay(meta.idempotency, e.record) as CommandResult;
        // The same key's first request may have been recorded between the look-up above and this
        // decision, which then refused what that request did: its answer stands, not the refusal.
        if (e instanceof DomainError && meta.idempotency) {
          const recorded = await this.store.findIdempotency(meta.idempotency.scope, meta.idempotency.keyHash);
          const first = this.replay(meta.idempotency, recorded);
          if (first) return first;
        }
        if (!(e instanceof WrongExpectedRevision)) throw e;
        if (i >= ATTEMPTS) throw new DomainError('STORE.CONCURRENT_CHANGE', `stream ${e.stream} kept changing; try again`);
      }
    }
  }

  /** Appends and remembers the answer under the idempotency key in the same transaction. */
  async commit(writes: readonly StreamWrite[], meta: CommandMeta, respond: (events: readonly RecordedEvent[]) => unknown): Promise<CommandResult> {
    const status = 201;
    const idem = meta.idempotency;
    const idempotency = idem ? { scope: idem.scope, key: idem.keyHash, requestHash: idem.requestHash, status, response: respond } : undefined;
    const events = await this.store.append(writes, { idempotency });
    this.advance(writes, events);
    return { status, body: respond(events) };
  }

  /** The whole handler of a single-stream command. */
  async run<C, S, E extends NewEvent>(args: {
    readonly stream: string;
    readonly fold: Fold<S>;
    readonly meta: CommandMeta;
    readonly command: (state: S) => C;
    readonly decide: (command: C, state: S, now: string) => Decision<E>;
    readonly schoolId: (state: S, events: readonly E[]) => string | null;
    readonly respond: (ref: { eventId: string; position: string }) => unknown;
  }): Promise<CommandResult> {
    return this.withRetries(args.meta, async () => {
      const now = this.clock.now();
      const { state, revision } = await this.fold(args.stream, args.fold);
      const decision = args.decide(args.command(state), state, now);
      const events = isUnchanged(decision) ? [] : decision;
      const expectedRevision = revision < 0 ? ('no_stream' as const) : revision;
      const writes = events.length ? [{ stream: args.stream, expectedRevision, events: this.envelope(events, args.meta, args.schoolId(state, events), now) }] : [];
      return this.commit(writes, args.meta, (recorded) => {
        const { eventId, position } = isUnchanged(decision) ? decision.unchanged : recorded[0];
        return args.respond({ eventId, position });
      });
    });
  }
}
