import { Client } from 'pg';
import { GENESIS, chainHash } from '../../core/hash-chain';
import { verifyLog } from '../../audit/verify-log';
import { DomainError } from '../../ledger/domain/errors';
import type { RecordedEvent } from '../../ledger/domain/recorded-event';
import { FaultProxy } from '../testing/fault-proxy';
import { anEvent, describeEventStoreConformance } from '../testing/event-store.conformance';
import { PostgresEventStore, type PostgresStoreOptions } from './postgres-event-store';
import { describePostgres } from './testing/postgres-test-database';

describePostgres('PostgreSQL event store', (db) => {
  const open = (o: Partial<PostgresStoreOptions> = {}) => PostgresEventStore.open({ connectionString: db.url, poolSize: 2, warn: () => undefined, ...o });
  const sql = async <T>(text: string, values: unknown[] = []): Promise<T[]> => {
    const c = new Client({ connectionString: db.url });
    await c.connect();
    try {
      return (await c.query(text, values)).rows as T[];
    } finally {
      await c.end();
    }
  };
  const opened: PostgresEventStore[] = [];
  const track = async (o: Partial<PostgresStoreOptions> = {}) => {
    const store = await open(o);
    opened.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });

  describeEventStoreConformance('PostgreSQL', async () => {
    const schema = db.freshSchema();
    return { store: await open({ schema }), reopen: () => open({ schema }) };
  });

  it('sets recordedAt from the database clock, whatever the append brought', async () => {
    const store = await track({ schema: db.freshSchema() });
    const [{ before }] = await sql<{ before: Date }>('SELECT clock_timestamp() AS before');
    const [e] = await store.append([{ stream: 's', expectedRevision: 'no_stream', events: [{ ...anEvent(), recordedAt: '1999-01-01T00:00:00.000Z' }] }]);
    const [{ after }] = await sql<{ after: Date }>('SELECT clock_timestamp() AS after');
    expect(e.recordedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Date.parse(e.recordedAt)).toBeGreaterThanOrEqual(Math.floor(before.getTime()));
    expect(Date.parse(e.recordedAt)).toBeLessThanOrEqual(after.getTime());
    expect((await store.readStream('s')).events[0].recordedAt).toBe(e.recordedAt);
  });

  it('never lets recordedAt decrease in position order, even when the last event was recorded by a clock ahead', async () => {
    const schema = db.freshSchema();
    const store = await track({ schema });
    // An event written by an instance whose clock ran a year ahead, chained as the store chains.
    const ahead = '2099-06-01T00:00:00.000Z';
    const row = {
      eventId: 'e-ahead',
      stream: 'elsewhere',
      revision: 0,
      type: 'PupilEnrolled',
      occurredAt: ahead,
      recordedAt: ahead,
      metadata: '{}',
      data: '{}',
    };
    await sql(
      `INSERT INTO ${schema}.events (position, event_id, stream, revision, type, occurred_at, recorded_at, metadata, data, prev_hash, hash) VALUES (1, $1, $2, 0, $3, $4, $4, '{}', '{}', $5, $6)`,
      [row.eventId, row.stream, row.type, ahead, GENESIS, chainHash(GENESIS, row)],
    );
    const [next] = await store.append([{ stream: 's', expectedRevision: 'no_stream', events: [anEvent()] }]);
    expect(next.position).toBe('2');
    expect(next.recordedAt).toBe(ahead);
  });

  it('sets recordedAt from the clock it was given in place of the database clock, still never decreasing', async () => {
    let now = Date.parse('2026-03-01T10:00:00.000Z');
    const store = await track({ schema: db.freshSchema(), now: () => now });
    const write = (stream: string) =>
      store.append([{ stream, expectedRevision: 'no_stream', events: [{ ...anEvent(), recordedAt: '1999-01-01T00:00:00.000Z' }] }]);
    const [first] = await write('a');
    expect(first.recordedAt).toBe('2026-03-01T10:00:00.000Z');
    now = Date.parse('2026-03-02T09:30:00.000Z');
    const [second] = await write('b');
    expect(second.recordedAt).toBe('2026-03-02T09:30:00.000Z');
    // The given clock set back: held at the last event's, as with the database's.
    now = Date.parse('2026-01-01T00:00:00.000Z');
    const [third] = await write('c');
    expect(third.recordedAt).toBe('2026-03-02T09:30:00.000Z');
    expect((await store.readAll(null, 10)).map((e) => e.recordedAt)).toEqual([first.recordedAt, second.recordedAt, third.recordedAt]);
  });

  it('keeps a hash chain an auditor verifies with the same code as the embedded log', async () => {
    const store = await track({ schema: db.freshSchema() });
    await store.append([
      { stream: 'pupil-1', expectedRevision: 'no_stream', events: [anEvent('PupilEnrolled', { name: 'é \u2028 "q"' }), anEvent('ConsentGiven')] },
    ]);
    await store.append([{ stream: 'recipient-1', expectedRevision: 'no_stream', events: [anEvent('RecipientRegistered')] }]);
    const appended = await store.append([{ stream: 'pupil-1', expectedRevision: 1, events: [anEvent('ConsentWithdrawn')] }]);
    const raw = await store.readRaw(null, 100);
    expect(raw.map((e) => [e.stream, e.revision])).toEqual([
      ['pupil-1', 0],
      ['pupil-1', 1],
      ['recipient-1', 0],
      ['pupil-1', 2],
    ]);
    expect(raw[3].hash).toBe(appended[0].hash);
    expect(verifyLog({ rawEvents: () => raw, checkpoints: () => [] }, null)).toMatchObject({ ok: true, events: 4, streams: 2, problems: [] });
    // Held against altered bytes, the same verification names the event.
    const altered = raw.map((e, i) => (i === 1 ? { ...e, data: '{"n":0}' } : e));
    expect(verifyLog({ rawEvents: () => altered, checkpoints: () => [] }, null).problems.map((p) => p.position)).toEqual([raw[1].position]);
  });

  it('refuses to update, delete or truncate a stored event, even by hand', async () => {
    const schema = db.freshSchema();
    const store = await track({ schema });
    await store.append([{ stream: 's', expectedRevision: 'no_stream', events: [anEvent()] }]);
    await expect(sql(`UPDATE ${schema}.events SET data = '{}'`)).rejects.toThrow(/events are immutable/);
    await expect(sql(`DELETE FROM ${schema}.events`)).rejects.toThrow(/events are immutable/);
    await expect(sql(`TRUNCATE ${schema}.events`)).rejects.toThrow(/events are immutable/);
    expect(await store.readAll(null, 10)).toHaveLength(1);
  });

  it('wakes subscriptions by NOTIFY, those of another instance too, with no poll to fall back on', async () => {
    const schema = db.freshSchema();
    const [writer, reader] = [await track({ schema }), await track({ schema, pollMs: 3_600_000 })];
    const reads = jest.spyOn(reader, 'readAll');
    const seen: string[] = [];
    let done!: () => void;
    const finished = new Promise<void>((r) => (done = r));
    const sub = reader.subscribe(null, (events) => {
      seen.push(...events.map((e) => e.type));
      if (seen.length === 3) done();
    });
    // Once the listener is connected and its first look (and the subscription's own) found nothing,
    // no read is due for an hour: only a notification can bring what follows.
    const listening = () => sql(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN "ledger_events_${schema}"'`);
    while ((await listening()).length === 0 || reads.mock.results.length < 2) await new Promise((r) => setTimeout(r, 20));
    await Promise.all(reads.mock.results.map((r) => r.value));
    await writer.append([{ stream: 's', expectedRevision: 'no_stream', events: [anEvent('A'), anEvent('B')] }]);
    await writer.append([{ stream: 't', expectedRevision: 'no_stream', events: [anEvent('C')] }]);
    await finished;
    await sub.close();
    expect(seen).toEqual(['A', 'B', 'C']);
  });

  it('falls back on polling for events committed without a notification', async () => {
    const schema = db.freshSchema();
    const store = await track({ schema, pollMs: 50 });
    const seen: RecordedEvent[] = [];
    let done!: () => void;
    const finished = new Promise<void>((r) => (done = r));
    const sub = store.subscribe(null, (events) => {
      seen.push(...events);
      done();
    });
    const row = { eventId: 'silent', stream: 's', revision: 0, type: 'A', occurredAt: 'x', recordedAt: 'x', metadata: '{}', data: '{}' };
    await sql(
      `INSERT INTO ${schema}.events (position, event_id, stream, revision, type, occurred_at, recorded_at, metadata, data, prev_hash, hash) VALUES (1, 'silent', 's', 0, 'A', 'x', 'x', '{}', '{}', $1, $2)`,
      [GENESIS, chainHash(GENESIS, row)],
    );
    await finished;
    await sub.close();
    expect(seen.map((e) => e.eventId)).toEqual(['silent']);
  });

  it('answers 503 while the database cannot be reached, says so in its condition, and recovers by itself', async () => {
    const url = new URL(db.url);
    const proxy = await FaultProxy.start({ host: url.hostname, port: Number(url.port || 5432) });
    url.host = `127.0.0.1:${proxy.port}`;
    const store = await track({ connectionString: url.toString(), schema: db.freshSchema(), deadlineMs: 1000, probeMs: 100 });
    await store.append([{ stream: 's', expectedRevision: 'no_stream', events: [anEvent()] }]);
    expect(store.condition()).toEqual({ status: 'ok' });
    for (const mode of ['refuse', 'silent'] as const) {
      proxy.set(mode);
      const refused = await store.append([{ stream: 's', expectedRevision: 0, events: [anEvent()] }]).catch((e) => e);
      expect(refused).toBeInstanceOf(DomainError);
      expect(refused.code).toBe('STORE.UNAVAILABLE');
      expect(store.condition()).toMatchObject({ status: 'unwritable', reason: expect.stringMatching(/PostgreSQL/) });
      await expect(store.readStream('s')).rejects.toMatchObject({ code: 'STORE.UNAVAILABLE' });
      proxy.set('forward');
      while (store.condition().status !== 'ok') await new Promise((r) => setTimeout(r, 50));
    }
    const again = await store.append([{ stream: 's', expectedRevision: 0, events: [anEvent()] }]);
    expect(again[0].revision).toBe(1);
    await store.close();
    await proxy.close();
  }, 30_000);
});
