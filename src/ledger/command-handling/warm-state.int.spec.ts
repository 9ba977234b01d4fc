import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LedgerConfig } from '../../config/ledger-config';
import { InMemoryEventStore, InMemoryLog } from '../../store/in-memory/in-memory-event-store';
import { SqliteEventStore } from '../../store/sqlite-event-store';
import { DomainError } from '../domain/errors';
import { Clock } from './clock';
import { CommandDoor } from './command-door';
import { appendBeside, countingReads, record } from './testing/register-commands';

const file = () => join(mkdtempSync(join(tmpdir(), 'ledger-warm-')), 'events.db');
const opened: SqliteEventStore[] = [];
const sqlite = (soleWriter: boolean) => {
  const store = new SqliteEventStore(file(), { soleWriter });
  opened.push(store);
  return store;
};
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});
const doorOver = (store: ConstructorParameters<typeof CommandDoor>[0], warmStateBytes?: number) =>
  new CommandDoor(store, new Clock(), warmStateBytes === undefined ? undefined : new LedgerConfig({ dataDir: tmpdir(), warmStateBytes }));

describe('warm state on the embedded store, the one writer of its file', () => {
  it('decides on a warm stream without reading it: an append, an exact repeat, a refusal', async () => {
    const { store, reads } = countingReads(sqlite(true));
    const door = doorOver(store);
    expect(await record(door, 'r-1', 'a')).toEqual({ outcome: 'appended', entries: [] });
    expect(reads).toEqual(['r-1']);
    expect(await record(door, 'r-1', 'b')).toEqual({ outcome: 'appended', entries: ['a'] });
    expect(await record(door, 'r-1', 'a')).toEqual({ outcome: 'repeat', entries: ['a', 'b'] });
    expect(reads).toEqual(['r-1']);
    expect((await store.readStream('r-1')).events.map((e) => e.data)).toEqual([{ entry: 'a' }, { entry: 'b' }]);
  });

  it('reads a stream again once an append that is no door’s moved it: no refusal or repeat on the state before', async () => {
    const { store, reads } = countingReads(sqlite(true));
    const door = doorOver(store);
    await record(door, 'r-1', 'a');
    await appendBeside(store, 'r-1', 'Closed');
    reads.length = 0;
    await expect(record(door, 'r-1', 'b')).rejects.toThrow(DomainError);
    expect(reads).toEqual(['r-1']);
    await appendBeside(store, 'r-1', 'Reopened');
    await appendBeside(store, 'r-1', 'Cleared');
    reads.length = 0;
    // On the state before the clearing this would be an exact repeat, appending nothing.
    expect(await record(door, 'r-1', 'a')).toEqual({ outcome: 'appended', entries: [] });
    expect(reads).toEqual(['r-1']);
    expect((await store.readStream('r-1')).events.map((e) => [e.revision, e.type])).toEqual([
      [0, 'Recorded'],
      [1, 'Closed'],
      [2, 'Reopened'],
      [3, 'Cleared'],
      [4, 'Recorded'],
    ]);
  });

  it('reads the tail before every decision on a file it is not known to write alone (a tool beside the ledger)', async () => {
    const { store, reads } = countingReads(sqlite(false));
    const door = doorOver(store);
    await record(door, 'r-1', 'a');
    await record(door, 'r-1', 'a');
    await appendBeside(store, 'r-1', 'Closed');
    reads.length = 0;
    await expect(record(door, 'r-1', 'b')).rejects.toThrow(DomainError);
    await expect(record(door, 'r-1', 'b')).rejects.toThrow(DomainError);
    expect(reads).toEqual(['r-1', 'r-1']);
  });

  it('keeps no more bytes than its budget, the least recently used out first', async () => {
    const budget = 4096;
    const { store, reads } = countingReads(sqlite(true));
    const door = doorOver(store, budget);
    for (let n = 0; n < 50; n++) await record(door, `r-${n}`, 'a');
    const { streams, bytes } = door.warmState();
    expect(bytes).toBeLessThanOrEqual(budget);
    expect(bytes).toBeGreaterThan(budget / 2);
    expect(streams).toBeGreaterThan(1);
    expect(streams).toBeLessThan(50);
    reads.length = 0;
    await record(door, 'r-49', 'b');
    expect(reads).toEqual([]);
    await record(door, 'r-0', 'b');
    expect(reads).toEqual(['r-0']);
    expect(door.warmState().bytes).toBeLessThanOrEqual(budget);
  });

  it('keeps nothing with a budget of 0: every decision reads its stream', async () => {
    const { store, reads } = countingReads(sqlite(true));
    const door = doorOver(store, 0);
    await record(door, 'r-1', 'a');
    expect(await record(door, 'r-1', 'a')).toEqual({ outcome: 'repeat', entries: ['a'] });
    expect(reads).toEqual(['r-1', 'r-1']);
    expect(door.warmState()).toEqual({ streams: 0, bytes: 0 });
  });
});

describe('warm state on the in-memory store', () => {
  it('is told of an append through another store over the same log', async () => {
    const log = new InMemoryLog();
    const { store, reads } = countingReads(new InMemoryEventStore(log));
    const door = doorOver(store);
    await record(door, 'r-1', 'a');
    await record(door, 'r-1', 'b');
    expect(reads).toEqual(['r-1']);
    await appendBeside(new InMemoryEventStore(log), 'r-1', 'Closed');
    await expect(record(door, 'r-1', 'c')).rejects.toThrow(DomainError);
    expect(reads).toEqual(['r-1', 'r-1']);
  });
});
