import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WrongExpectedRevision } from '../core/ports/event-store.port';
import { SqliteEventStore } from './sqlite-event-store';
import { anEvent, describeEventStoreConformance } from './testing/event-store.conformance';

const freshFile = () => join(mkdtempSync(join(tmpdir(), 'ledger-store-')), 'events.db');

describeEventStoreConformance('embedded SQLite', async () => {
  const file = freshFile();
  // As the ledger opens it, holding the data directory's lock.
  const quiet = { warn: () => undefined, soleWriter: true };
  return { store: new SqliteEventStore(file, quiet), reopen: async () => new SqliteEventStore(file, quiet) };
});

describe('embedded SQLite store', () => {
  it('runs in WAL mode and acknowledges an append only after its fsync of the WAL returned', async () => {
    const file = freshFile();
    const store = new SqliteEventStore(file);
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    const synced: number[] = [];
    const fsync = jest.spyOn(fs, 'fsync').mockImplementation((fd: number, done: (e: Error | null) => void) => {
      // Hold the sync back: the append must not resolve before the disk said yes.
      setTimeout(() => {
        synced.push(fd);
        done(null);
      }, 50);
    });
    let acknowledged = false;
    const append = store.append([{ stream: 's', expectedRevision: 'no_stream', events: [anEvent()] }]).then(() => (acknowledged = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(acknowledged).toBe(false);
    await append;
    expect(synced).toHaveLength(1);
    fsync.mockRestore();
    await store.close();
  });

  it('groups appends that arrive during a sync into one commit and one fsync', async () => {
    const store = new SqliteEventStore(freshFile());
    await store.append([{ stream: 'warm', expectedRevision: 'no_stream', events: [anEvent()] }]);
    const fsync = jest.spyOn(fs, 'fsync');
    await Promise.all(Array.from({ length: 50 }, (_, i) => store.append([{ stream: `g-${i}`, expectedRevision: 'no_stream', events: [anEvent()] }])));
    expect(fsync.mock.calls.length).toBeGreaterThanOrEqual(1);
    expect(fsync.mock.calls.length).toBeLessThan(5);
    expect(await store.readAll(null, 100)).toHaveLength(51);
    fsync.mockRestore();
    await store.close();
  });

  it('reports a failed fsync to the appends it covered, never as acknowledged', async () => {
    const store = new SqliteEventStore(freshFile());
    const fsync = jest.spyOn(fs, 'fsync').mockImplementation((_: number, done: (e: Error | null) => void) => done(new Error('EIO')));
    await expect(store.append([{ stream: 's', expectedRevision: 'no_stream', events: [anEvent()] }])).rejects.toThrow('EIO');
    fsync.mockRestore();
    await store.close();
  });

  it('fails the whole group, and stores none of it, when an append ends the transaction itself', async () => {
    const file = freshFile();
    const store = new SqliteEventStore(file);
    await store.append([{ stream: 'warm', expectedRevision: 'no_stream', events: [anEvent()] }]);
    // What a full disk does to a group: SQLite rolls the whole transaction back mid-way.
    const db = new Database(file);
    db.exec("CREATE TRIGGER abort_group BEFORE INSERT ON events WHEN NEW.type = 'Doomed' BEGIN SELECT RAISE(ROLLBACK, 'disk full'); END");
    const results = await Promise.allSettled(
      ['Fine', 'Doomed', 'AlsoFine'].map((type, i) => store.append([{ stream: `g-${i}`, expectedRevision: 'no_stream', events: [anEvent(type)] }])),
    );
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect((await store.readAll(null, 10)).map((e) => e.stream)).toEqual(['warm']);
    // The store goes on once the cause is gone.
    db.exec('DROP TRIGGER abort_group');
    db.close();
    await store.append([{ stream: 'g-9', expectedRevision: 'no_stream', events: [anEvent('Fine')] }]);
    expect((await store.readAll(null, 10)).map((e) => e.stream)).toEqual(['warm', 'g-9']);
    await store.close();
  });

  it('waits for a lock held longer than its busy timeout, rather than failing the appends', async () => {
    const file = freshFile();
    const store = new SqliteEventStore(file);
    await store.append([{ stream: 'warm', expectedRevision: 'no_stream', events: [anEvent()] }]);
    // Another process holds the write lock past the connection's 5 s busy timeout.
    const holder = spawn(process.execPath, [
      '-e',
      `const db = new (require(${JSON.stringify(require.resolve('better-sqlite3'))}))(${JSON.stringify(file)});
       db.exec('BEGIN IMMEDIATE'); console.log('locked');
       setTimeout(() => { db.exec('COMMIT'); db.close(); }, 5500);`,
    ]);
    await new Promise((r) => holder.stdout.once('data', r));
    const appended = await store.append([{ stream: 'waited', expectedRevision: 'no_stream', events: [anEvent('Waited')] }]);
    expect(appended.map((e) => e.type)).toEqual(['Waited']);
    expect((await store.readStream('waited')).revision).toBe(0);
    await new Promise((r) => (holder.exitCode === null ? holder.once('exit', r) : r(null)));
    await store.close();
  }, 20_000);

  it('lets exactly one of two processes sharing the file win the same revision', async () => {
    const file = freshFile();
    const [one, two] = [new SqliteEventStore(file), new SqliteEventStore(file)];
    await one.append([{ stream: 's', expectedRevision: 'no_stream', events: [anEvent()] }]);
    await one.append([{ stream: 's', expectedRevision: 0, events: [anEvent()] }]);
    await expect(two.append([{ stream: 's', expectedRevision: 0, events: [anEvent()] }])).rejects.toBeInstanceOf(WrongExpectedRevision);
    expect((await two.readStream('s')).revision).toBe(1);
    await Promise.all([one.close(), two.close()]);
  });

  it('refuses to update or delete a stored event, even by hand', async () => {
    const file = freshFile();
    const store = new SqliteEventStore(file);
    await store.append([{ stream: 's', expectedRevision: 'no_stream', events: [anEvent()] }]);
    const db = new Database(file);
    expect(() => db.prepare("UPDATE events SET data = '{}'").run()).toThrow(/immutable/);
    expect(() => db.prepare('DELETE FROM events').run()).toThrow(/immutable/);
    db.close();
    await store.close();
  });
});
