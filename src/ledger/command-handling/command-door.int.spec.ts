import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '../../core/ports/event-store.port';
import { SqliteEventStore } from '../../store/sqlite-event-store';
import { DomainError } from '../domain/errors';
import type { CommandMeta } from './command-meta';
import { Clock } from './clock';
import { CommandDoor, type PlannedWrite } from './command-door';
import { eventBeside } from './testing/register-commands';

const meta: CommandMeta = { actor: { id: 'spec', role: 'registrar' }, correlationId: 'c', causationId: null, idempotency: null };
/** A stream's state: how many events it holds. */
const counted = { evolve: (n: number) => n + 1, initial: 0 };
const count = (stream: string) => ({ stream, fold: counted });
const seen = (stream: string, n: number) => ({
  appends: [{ stream, events: [{ type: 'Counted', occurredAt: '2026-01-01T00:00:00.000Z', data: { seen: n } }], schoolId: null }],
  answer: () => n,
});

let store: SqliteEventStore;
beforeEach(() => (store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'ledger-door-')), 'events.db'))));
afterEach(() => store.close());

/** The real store, with one property or method of the port said differently. */
const told = (overrides: Partial<EventStore>): EventStore =>
  new Proxy(store, {
    get: (target, p) =>
      p in overrides
        ? overrides[p as keyof EventStore]
        : typeof target[p as keyof SqliteEventStore] === 'function'
          ? (target[p as keyof SqliteEventStore] as (...a: unknown[]) => unknown).bind(target)
          : target[p as keyof SqliteEventStore],
  });

const other = (stream: string, expectedRevision: number | 'no_stream') => store.append([{ stream, expectedRevision, events: [eventBeside('Counted')] }]);

describe('the command door', () => {
  it('lets 100 concurrent commands on one stream take turns: none meets a concurrent change', async () => {
    const door = new CommandDoor(store, new Clock());
    const answers = await Promise.allSettled(
      Array.from({ length: 100 }, () => door.run({ meta, reads: { s: count('s-1') }, decide: ({ s }) => seen('s-1', s) })),
    );
    expect(answers.filter((a) => a.status === 'rejected')).toEqual([]);
    expect((await store.readStream('s-1')).events.map((e) => (e.data as { seen: number }).seen)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('decides again on the new state when another writer appended before anything irreversible is done', async () => {
    let first = true;
    // Another process appends right after this one read the stream.
    const racing = told({
      readStream: async (stream: string, from?: number) => {
        const read = await store.readStream(stream, from);
        if (first) {
          first = false;
          await other(stream, 'no_stream');
        }
        return read;
      },
    });
    const door = new CommandDoor(racing, new Clock());
    const irreversible: PlannedWrite[][] = [];
    const decided: number[] = [];
    const answer = await door.run({
      meta,
      reads: { s: count('s-2') },
      decide: ({ s }) => (decided.push(s), seen('s-2', s)),
      beforeAppend: (writes) => void irreversible.push([...writes]),
    });
    expect([decided, answer]).toEqual([[0, 1], 1]);
    expect(irreversible.map((w) => w[0].events.map((e) => e.data))).toEqual([[{ seen: 1 }]]);
    expect((await store.readStream('s-2')).revision).toBe(1);
  });

  it('where the store cannot write several streams all-or-nothing, refuses such a command before writing anything', async () => {
    const door = new CommandDoor(told({ atomicMultiStreamAppend: false }), new Clock());
    const both = door.run({
      meta,
      reads: { a: count('a'), b: count('b') },
      decide: ({ a, b }) => ({ appends: [...seen('a', a).appends, ...seen('b', b).appends], answer: () => 'both' }),
    });
    await expect(both).rejects.toEqual(expect.objectContaining({ code: 'STORE.NOT_ATOMIC' }));
    await expect(both).rejects.toBeInstanceOf(DomainError);
    expect(await store.head()).toBeNull();
    // One stream at a time is what such a store can do.
    await expect(door.run({ meta, reads: { a: count('a') }, decide: ({ a }) => seen('a', a) })).resolves.toBe(0);
  });

  it('refuses a decision that appends to a stream it did not read', async () => {
    const door = new CommandDoor(store, new Clock());
    await expect(door.run({ meta, reads: { a: count('a') }, decide: () => seen('elsewhere', 0) })).rejects.toThrow('did not read');
    expect(await store.head()).toBeNull();
  });
});
