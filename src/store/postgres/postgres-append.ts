import type { PoolClient } from 'pg';
import { GENESIS, chainHash } from '../../core/hash-chain';
import type { RecordedEvent } from '../../ledger/domain/recorded-event';
import { isoOf, ms } from '../../ledger/domain/time-instant';
import {
  type AppendOptions,
  DuplicateEventId,
  IdempotencyKeyUsed,
  type IdempotencyRecord,
  type StreamWrite,
  WrongExpectedRevision,
  satisfies,
} from '../../core/ports/event-store.port';
import { APPEND_LOCK } from './postgres-schema';

export interface PendingAppend {
  readonly writes: readonly StreamWrite[];
  readonly options: AppendOptions;
}

export type Outcome = { readonly events: RecordedEvent[] } | { readonly error: unknown };

interface Head {
  readonly revision: number;
  readonly hash: string;
}

/** What the group learnt under the lock, and what its earlier appends planned on top of it. */
interface Known {
  position: bigint;
  readonly recordedAt: string;
  readonly heads: Map<string, Head>;
  readonly records: Map<string, IdempotencyRecord>;
  readonly ids: Set<string>;
}

const keyOf = (scope: string, key: string) => JSON.stringify([scope, key]);
const EVENT_INSERT_COLUMNS = ['position', 'event_id', 'stream', 'revision', 'type', 'occurred_at', 'recorded_at', 'metadata', 'data', 'prev_hash', 'hash'];
const EVENT_INSERT_TYPES = ['bigint', 'text', 'text', 'integer', 'text', 'text', 'text', 'text', 'text', 'text', 'text'];

/**
 * One group of appends inside the caller's transaction (inTransaction), under the append lock: every check is made against
 * the state as it is while no one else can write, so a refused append writes nothing and the
 * others of the group go on. Answers one outcome per append; throws only when the transaction
 * itself failed (nothing of the group was written).
 */
export const appendGroup = async (
  client: PoolClient,
  schema: string,
  s: string,
  channel: string,
  batch: readonly PendingAppend[],
  now?: () => number,
): Promise<Outcome[]> => {
  // Its own statement: READ COMMITTED takes a snapshot per statement, and the reads below must
  // see every append committed before the lock was granted.
  await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [APPEND_LOCK, schema]);
  const known = await readKnown(client, s, batch, now);
  const rows: unknown[][] = EVENT_INSERT_COLUMNS.map(() => []);
  const records: IdempotencyRecord[] = [];
  const outcomes = batch.map((p): Outcome => {
    try {
      return { events: plan(p, known, rows, records) };
    } catch (error) {
      return { error };
    }
  });
  if (rows[0].length > 0) {
    const params = EVENT_INSERT_TYPES.map((t, i) => `$${i + 1}::${t}[]`).join(', ');
    await client.query(`INSERT INTO ${s}.events (${EVENT_INSERT_COLUMNS.join(', ')}) SELECT * FROM unnest(${params})`, rows);
    await client.query('SELECT pg_notify($1, $2)', [channel, String(known.position - 1n)]);
  }
  if (records.length > 0) {
    const column = (f: (r: IdempotencyRecord) => unknown) => records.map(f);
    await client.query(
      `INSERT INTO ${s}.idempotency (scope, key, request_hash, response) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])`,
      [column((r) => r.scope), column((r) => r.key), column((r) => r.requestHash), column((r) => JSON.stringify(r.response))],
    );
  }
  return outcomes;
};

/**
 * The log's last position and record time, the database's clock, the heads of the streams the
 * group writes, its idempotency records and which of its event ids are taken. `recordedAt` is
 * the database's clock (or `now`, ms since the epoch, when the store was given one) held at or
 * after the last event's (DESIGN "Time, in one place"): several instances, or a clock set back,
 * never make it decrease in position order.
 */
const readKnown = async (client: PoolClient, s: string, batch: readonly PendingAppend[], now?: () => number): Promise<Known> => {
  const streams = [...new Set(batch.flatMap((p) => p.writes.map((w) => w.stream)))];
  const ids = batch.flatMap((p) => p.writes.flatMap((w) => w.events.map((e) => e.eventId)));
  const idems = batch.flatMap((p) => (p.options.idempotency ? [p.options.idempotency] : []));
  const last = await client.query<{ position: string | null; recorded_at: string | null; now_ms: string }>(
    `SELECT l.position, l.recorded_at, floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint AS now_ms
       FROM (SELECT 1) AS one LEFT JOIN (SELECT position, recorded_at FROM ${s}.events ORDER BY position DESC LIMIT 1) AS l ON true`,
  );
  const heads = await client.query<{ stream: string; revision: number; hash: string }>(
    `SELECT w.stream, h.revision, h.hash FROM unnest($1::text[]) AS w(stream)
       CROSS JOIN LATERAL (SELECT revision, hash FROM ${s}.events e WHERE e.stream = w.stream ORDER BY revision DESC LIMIT 1) AS h`,
    [streams],
  );
  const taken =
    ids.length === 0 ? { rows: [] } : await client.query<{ event_id: string }>(`SELECT event_id FROM ${s}.events WHERE event_id = ANY($1::text[])`, [ids]);
  const found =
    idems.length === 0
      ? { rows: [] }
      : await client.query<{ scope: string; key: string; request_hash: string; response: string }>(
          `SELECT i.* FROM ${s}.idempotency i JOIN unnest($1::text[], $2::text[]) AS k(scope, key) USING (scope, key)`,
          [idems.map((i) => i.scope), idems.map((i) => i.key)],
        );
  const { position, recorded_at: lastRecordedAt, now_ms: nowMs } = last.rows[0];
  return {
    position: BigInt(position ?? 0) + 1n,
    recordedAt: isoOf(Math.max(now ? now() : Number(nowMs), lastRecordedAt ? ms(lastRecordedAt) : 0)),
    heads: new Map(heads.rows.map((r) => [r.stream, { revision: r.revision, hash: r.hash }])),
    records: new Map(
      found.rows.map((r) => [keyOf(r.scope, r.key), { scope: r.scope, key: r.key, requestHash: r.request_hash, response: JSON.parse(r.response) as unknown }]),
    ),
    ids: new Set(taken.rows.map((r) => r.event_id)),
  };
};

/** One append, all or nothing: checked and chained in memory; only a whole success joins the group's rows. */
const plan = (p: PendingAppend, known: Known, rows: unknown[][], records: IdempotencyRecord[]): RecordedEvent[] => {
  const idem = p.options.idempotency;
  const used = idem && known.records.get(keyOf(idem.scope, idem.key));
  if (used) throw new IdempotencyKeyUsed(used);
  const heads = new Map<string, Head>();
  const ids = new Set<string>();
  const mine: unknown[][] = [];
  const out: RecordedEvent[] = [];
  let position = known.position;
  for (const w of p.writes) {
    const head = heads.get(w.stream) ?? known.heads.get(w.stream);
    const actual = head?.revision ?? -1;
    if (!satisfies(w.expectedRevision, actual)) throw new WrongExpectedRevision(w.stream, w.expectedRevision, actual);
    let prevHash = head?.hash ?? GENESIS;
    w.events.forEach((e, i) => {
      if (known.ids.has(e.eventId) || ids.has(e.eventId)) throw new DuplicateEventId(e.eventId);
      ids.add(e.eventId);
      const revision = actual + 1 + i;
      const stored = {
        eventId: e.eventId,
        stream: w.stream,
        revision,
        type: e.type,
        occurredAt: e.occurredAt,
        recordedAt: known.recordedAt,
        metadata: JSON.stringify(e.metadata),
        data: JSON.stringify(e.data),
      };
      const hash = chainHash(prevHash, stored);
      mine.push([String(position), e.eventId, w.stream, revision, e.type, e.occurredAt, known.recordedAt, stored.metadata, stored.data, prevHash, hash]);
      out.push({
        eventId: e.eventId,
        type: e.type,
        stream: w.stream,
        revision,
        position: String(position),
        occurredAt: e.occurredAt,
        recordedAt: known.recordedAt,
        metadata: e.metadata,
        data: e.data,
        hash,
      });
      position++;
      prevHash = hash;
    });
    heads.set(w.stream, { revision: actual + w.events.length, hash: prevHash });
  }
  const record = idem && { scope: idem.scope, key: idem.key, requestHash: idem.requestHash, response: idem.response(out) };
  // Nothing thrown: the append joins the group.
  known.position = position;
  heads.forEach((h, stream) => known.heads.set(stream, h));
  ids.forEach((id) => known.ids.add(id));
  mine.forEach((row) => row.forEach((v, c) => rows[c].push(v)));
  if (record) {
    known.records.set(keyOf(record.scope, record.key), record);
    records.push(record);
  }
  return out;
};
