import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyLog } from '../audit/verify-log';
import { SqliteAuditLog } from './sqlite-audit-log';
import { SqliteEventStore } from './sqlite-event-store';
import { anEvent } from './testing/event-store.conformance';

describe('a store written before the hash chain', () => {
  it('gets its chain on first open, keeps every event, and stays immutable', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ledger-migrate-')), 'events.db');
    const old = new Database(file);
    old.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE, stream TEXT NOT NULL,
      revision INTEGER NOT NULL, type TEXT NOT NULL, occurred_at TEXT NOT NULL, recorded_at TEXT NOT NULL, metadata TEXT NOT NULL,
      data TEXT NOT NULL, UNIQUE (stream, revision));
      CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are immutable'); END;`);
    const insert = old.prepare('INSERT INTO events (event_id, stream, revision, type, occurred_at, recorded_at, metadata, data) VALUES (?,?,?,?,?,?,?,?)');
    for (const [i, stream] of ['pupil-x', 'pupil-x', 'pupil-y'].entries())
      insert.run(`old-${i}`, stream, i === 2 ? 0 : i, 'PupilLeft', '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z', '{}', `{"pupilId":"${stream}"}`);
    old.close();

    const store = new SqliteEventStore(file);
    await store.append([{ stream: 'pupil-x', expectedRevision: 1, events: [anEvent('PupilLeft')] }]);
    expect((await store.readAll(null, 10)).map((e) => e.eventId).slice(0, 3)).toEqual(['old-0', 'old-1', 'old-2']);
    const log = new SqliteAuditLog(file, { readonly: true });
    expect(verifyLog(log, null)).toMatchObject({ ok: true, events: 4, streams: 2 });
    log.close();
    const raw = new Database(file);
    expect(() => raw.prepare("UPDATE events SET data = '{}'").run()).toThrow(/immutable/);
    raw.close();
    await store.close();
  });
});

describe('a store written while answers kept an HTTP status', () => {
  it('loses the status column, keeps every answer, and records new ones', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ledger-migrate-')), 'events.db');
    await new SqliteEventStore(file).close();
    const old = new Database(file);
    old.exec(`DROP TABLE idempotency;
      CREATE TABLE idempotency (scope TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL, status INTEGER NOT NULL, response TEXT NOT NULL, PRIMARY KEY (scope, key));
      INSERT INTO idempotency VALUES ('key-1', 'k-old', 'h-old', 201, '{"eventId":"old-0"}');`);
    old.close();

    const store = new SqliteEventStore(file);
    expect(await store.findIdempotency('key-1', 'k-old')).toEqual({ scope: 'key-1', key: 'k-old', requestHash: 'h-old', response: { eventId: 'old-0' } });
    const idempotency = { scope: 'key-1', key: 'k-new', requestHash: 'h-new', response: () => ({ answered: true }) };
    await store.append([{ stream: 'pupil-z', expectedRevision: 'no_stream', events: [anEvent('PupilLeft')] }], { idempotency });
    expect(await store.findIdempotency('key-1', 'k-new')).toEqual({ scope: 'key-1', key: 'k-new', requestHash: 'h-new', response: { answered: true } });
    await store.close();
    const raw = new Database(file);
    expect(
      raw
        .prepare<[], { name: string }>('PRAGMA table_info(idempotency)')
        .all()
        .map((c) => c.name),
    ).toEqual(['scope', 'key', 'request_hash', 'response']);
    raw.close();
  });
});
