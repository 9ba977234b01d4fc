import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PurposeCatalogueLedger } from '../../../catalogue/purpose-catalogue-ledger';
import { PurposeCatalogueProvider } from '../../../catalogue/purpose-catalogue';
import { KeyStore } from '../../../personal-data/key-store';
import { PersonalData } from '../../../personal-data/personal-data';
import { DossierShredder } from '../../../pupils/dossier-shredder';
import { PupilLedger } from '../../../pupils/pupil-ledger';
import { DataSharing } from '../../../sharing/data-sharing';
import type { EventStore, StreamWrite } from '../../../core/ports/event-store.port';
import { InMemoryEventStore } from '../../../store/in-memory/in-memory-event-store';
import { DomainError, type ErrorCode, type ErrorDetail } from '../../domain/errors';
import type { NewEvent, RecordedEvent } from '../../domain/recorded-event';
import { Clock } from '../clock';
import { CommandDoor } from '../command-door';
import type { CommandMeta } from '../command-meta';
import { envelope } from '../envelope';

/** The time every handler spec decides at (UTC), unless a spec moves the clock. */
export const SPEC_NOW = '2026-03-01T10:00:00.000Z';

/** A registrar's command without an idempotency key. */
export const registrar: CommandMeta = { actor: { id: 'registrar-1', role: 'registrar' }, correlationId: 'corr-1', causationId: null, idempotency: null };

/** A clock that stands still at `at` and numbers its ids, so a spec can name the ids it expects. */
export class FixedClock extends Clock {
  private made = 0;

  constructor(public at: string = SPEC_NOW) {
    super();
  }

  override now(): string {
    return this.at;
  }

  override id(): string {
    return `id-${++this.made}`;
  }
}

/** A new event as a spec compares it: where it went, what it is, what it says. */
export interface Appended {
  readonly stream: string;
  readonly type: string;
  readonly data: unknown;
}

/** What running a handler came to: its answer or its refusal, and the events it appended. */
export class Outcome<A> {
  constructor(
    readonly appended: readonly RecordedEvent[],
    private readonly answered: { readonly answer: A } | { readonly error: unknown },
  ) {}

  /** The answer; fails the spec with the refusal when the handler refused. */
  get answer(): A {
    if ('error' in this.answered) throw this.answered.error;
    return this.answered.answer;
  }

  /** Exactly these new events, in order (their data compared with toEqual, so matchers may stand in). */
  thenAppended(expected: readonly Appended[]): A {
    const answer = this.answer;
    expect(this.appended.map((e) => ({ stream: e.stream, type: e.type, data: e.data }))).toEqual(expected);
    return answer;
  }

  /** An answer and nothing new in the store: an exact repeat, or a first answer given again. */
  thenNothingAppended(): A {
    return this.thenAppended([]);
  }

  /** Refused with `code` (and, when given, at least these details), and nothing appended. */
  thenRefused(code: ErrorCode, details?: readonly Partial<ErrorDetail>[]): DomainError {
    if (!('error' in this.answered)) throw new Error(`expected the refusal ${code}, the handler answered ${JSON.stringify(this.answered.answer)}`);
    const { error } = this.answered;
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(code);
    for (const d of details ?? []) expect((error as DomainError).details).toContainEqual(expect.objectContaining(d));
    expect(this.appended).toEqual([]);
    return error as DomainError;
  }
}

export interface HandlerSpecOptions {
  /**
   * Runs once, right before the first append a handler makes, on the store itself: another
   * process's append between the handler's read and its append.
   */
  readonly beforeFirstAppend?: (store: InMemoryEventStore) => Promise<void>;
}

/**
 * The handlers' world, built as the modules build it but small: the in-memory store behind the one
 * CommandDoor, a fixed clock, real personal data over a key store in a temporary directory, the
 * purpose catalogue read from the store. Given events go straight into the store; `when` runs a
 * handler and reports what it appended and answered.
 */
export class HandlerSpec {
  readonly store = new InMemoryEventStore();
  readonly clock = new FixedClock();
  readonly keys = new KeyStore(join(mkdtempSync(join(tmpdir(), 'ledger-handler-spec-')), 'keys.db'));
  readonly personal = new PersonalData(this.keys);
  readonly door: CommandDoor;
  readonly catalogue: PurposeCatalogueProvider;
  readonly pupils: PupilLedger;
  readonly shredder: DossierShredder;
  readonly sharing: DataSharing;
  readonly catalogueLedger: PurposeCatalogueLedger;
  private givenIds = 0;

  constructor(options: HandlerSpecOptions = {}) {
    const seen = options.beforeFirstAppend ? racedOnce(this.store, options.beforeFirstAppend) : this.store;
    this.door = new CommandDoor(seen, this.clock);
    this.catalogue = new PurposeCatalogueProvider(seen);
    this.pupils = new PupilLedger(this.door, this.keys, this.personal, this.catalogue);
    this.shredder = new DossierShredder(this.pupils);
    this.sharing = new DataSharing(this.pupils);
    this.catalogueLedger = new PurposeCatalogueLedger(this.door, this.catalogue);
  }

  /** Appends `events` to `stream` after what it holds, enveloped as a registrar's; answers them as recorded. */
  async given(stream: string, events: readonly NewEvent[], schoolId: string | null = null): Promise<readonly RecordedEvent[]> {
    const { revision } = await this.store.readStream(stream);
    const enveloped = envelope(events, { ...registrar, correlationId: 'given' }, schoolId, this.clock.at, () => `given-${++this.givenIds}`);
    return this.store.append([{ stream, expectedRevision: revision < 0 ? 'no_stream' : revision, events: enveloped }]);
  }

  /** Runs `handler` and collects the events appended from its start to its end, with its answer or refusal. */
  async when<A>(handler: () => Promise<A>): Promise<Outcome<A>> {
    const before = await this.store.head();
    let answered: { answer: A } | { error: unknown };
    try {
      answered = { answer: await handler() };
    } catch (error) {
      answered = { error };
    }
    return new Outcome(await this.store.readAll(before, 10_000), answered);
  }

  close(): void {
    this.keys.close();
  }
}

/** The store, but the first append through it lets `race` append first (another writer got there in between). */
const racedOnce = (store: InMemoryEventStore, race: (store: InMemoryEventStore) => Promise<void>): EventStore => {
  let raced = false;
  return new Proxy(store, {
    get: (target, p: keyof InMemoryEventStore) => {
      if (p === 'append')
        return async (writes: readonly StreamWrite[], options?: Parameters<EventStore['append']>[1]) => {
          if (!raced) {
            raced = true;
            await race(target);
          }
          return target.append(writes, options);
        };
      const value = target[p];
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
};
