import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainError } from '../ledger/domain/errors';
import type { EventStore } from '../core/ports/event-store.port';
import { SqliteEventStore } from './sqlite-event-store';
import { anEvent } from './testing/event-store.conformance';

const quiet = () => undefined;

/** A store with `n` acknowledged events, each in a stream of its own; answers their ids. */
const storeWith = async (n: number) => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-files-'));
  const file = join(dir, 'events.db');
  const store = new SqliteEventStore(file, { warn: quiet });
  const acknowledged: string[] = [];
  for (let i = 0; i < n; i++) {
    const [e] = await store.append([{ stream: `s-${i}`, expectedRevision: 'no_stream', events: [anEvent()] }]);
    acknowledged.push(e.eventId);
  }
  return { dir, file, store, acknowledged };
};

const refusal = async (store: EventStore) => {
  const error = await store.append([{ stream: `late-${Math.random()}`, expectedRevision: 'no_stream', events: [anEvent()] }]).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
};

/** Waits until the store says where it saved what it had acknowledged. */
const rescued = async (store: EventStore, dir: string): Promise<string> => {
  for (;;) {
    const c = store.condition();
    const saved = readdirSync(dir).find((f) => /^events\.db\.rescued-\d{8}T\d{6}Z$/.test(f));
    if (c.status !== 'ok' && c.reason.includes('saved to') && saved) return join(dir, saved);
    await new Promise((r) => setTimeout(r, 20));
  }
};

/** Every event id in a store file, read through the port from a copy in a directory of its own. */
const idsIn = async (file: string): Promise<string[]> => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-rescued-'));
  copyFileSync(file, join(dir, 'events.db'));
  const store = new SqliteEventStore(join(dir, 'events.db'), { warn: quiet });
  const ids = (await store.readAll(null, 10_000)).map((e) => e.eventId);
  await store.close();
  return ids;
};

describe('the embedded store knows its own files', () => {
  it('refuses every append once events.db was removed, and saves what it had acknowledged beside it', async () => {
    const { dir, file, store, acknowledged } = await storeWith(25);
    rmSync(file);
    const error = await refusal(store);
    expect(error.code).toBe('STORE.UNAVAILABLE');
    expect(error.message).toContain('events.db was removed');
    expect(store.condition()).toEqual({ status: 'lost', reason: expect.stringContaining('events.db was removed') });
    const copy = await rescued(store, dir);
    expect((await idsIn(copy)).sort()).toEqual([...acknowledged].sort());
    // Putting a file back at the path does not make this connection's writes reach it.
    copyFileSync(copy, file);
    expect((await refusal(store)).code).toBe('STORE.UNAVAILABLE');
    await store.close();
  });

  it('refuses every append once only its WAL was removed; the saved copy holds what was only in the WAL', async () => {
    const { dir, file, store, acknowledged } = await storeWith(10);
    rmSync(`${file}-wal`);
    // A connection opened after the removal (the checkpoint thread's, late) makes a new empty WAL there: replaced, then.
    expect((await refusal(store)).message).toMatch(/events\.db-wal was (removed|replaced)/);
    const copy = await rescued(store, dir);
    expect((await idsIn(copy)).sort()).toEqual([...acknowledged].sort());
    await store.close();
  });

  it('refuses appends into a file replaced by another one, and leaves the other one as it is', async () => {
    const { dir, file, store, acknowledged } = await storeWith(5);
    const other = join(dir, 'other.db');
    new Database(other).exec('CREATE TABLE unrelated (x)').close();
    const bytes = readFileSync(other);
    renameSync(other, file);
    expect((await refusal(store)).message).toContain('events.db was replaced by another file');
    const copy = await rescued(store, dir);
    expect((await idsIn(copy)).sort()).toEqual([...acknowledged].sort());
    // Not one byte of it was written (opening it with SQLite would replay the old WAL beside it onto it).
    expect(readFileSync(file).equals(bytes)).toBe(true);
    await store.close();
  });

  it('finds a removed file and saves its content while nothing is appended', async () => {
    const { dir, file, store, acknowledged } = await storeWith(3);
    rmSync(file);
    const copy = await rescued(store, dir);
    expect((await idsIn(copy)).sort()).toEqual([...acknowledged].sort());
    await store.close();
  });

  it('says ok while its files are the ones it opened', async () => {
    const { dir, store } = await storeWith(2);
    expect(store.condition()).toEqual({ status: 'ok' });
    writeFileSync(join(dir, 'unrelated.txt'), 'x');
    await store.append([{ stream: 'more', expectedRevision: 'no_stream', events: [anEvent()] }]);
    expect(store.condition()).toEqual({ status: 'ok' });
    expect(existsSync(join(dir, 'events.db-wal'))).toBe(true);
    await store.close();
  });
});
