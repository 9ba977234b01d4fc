import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { verifyLog } from '../src/audit/verify-log';
import type { RecordedEvent } from '../src/ledger/domain/recorded-event';
import { PostgresEventStore } from '../src/store/postgres/postgres-event-store';
import { describePostgres } from '../src/store/postgres/testing/postgres-test-database';

const BUILD = join(__dirname, '..', '.tmp', 'process-build');
const [WRITERS, LANES, APPENDS, STREAMS] = [3, 4, 30, 7];
/** Every third append of a lane writes two events. */
const EVENTS = WRITERS * LANES * (APPENDS + Math.ceil(APPENDS / 3));

interface Acked {
  readonly eventId: string;
  readonly position: string;
  readonly stream: string;
  readonly revision: number;
}

const writer = (url: string, schema: string, n: number) =>
  new Promise<{ acked: Acked[]; conflicts: number }>((resolve, reject) =>
    execFile(
      process.execPath,
      [join(__dirname, 'support', 'postgres-writer.js'), BUILD, url, schema, String(n), String(STREAMS), String(LANES), String(APPENDS)],
      (error, stdout, stderr) => (error ? reject(new Error(`writer ${n} failed: ${stderr}`)) : resolve(JSON.parse(stdout))),
    ),
  );

/** Pages of `readAll` as a follower sees them while the writers run: every page must continue the last. */
const follow = async (store: PostgresEventStore, pageSize: number): Promise<RecordedEvent[]> => {
  const seen: RecordedEvent[] = [];
  while (seen.length < EVENTS) {
    const page = await store.readAll(seen.length === 0 ? null : seen[seen.length - 1].position, pageSize);
    seen.push(...page);
    if (page.length === 0) await new Promise((r) => setTimeout(r, 5));
  }
  return seen;
};

describePostgres('PostgreSQL store under writers in several processes', (db) => {
  it('gives every reader the whole log in position order, no gap, nothing lost or doubled', async () => {
    const schema = db.freshSchema();
    const [a, b] = [
      await PostgresEventStore.open({ connectionString: db.url, schema, poolSize: 2, pollMs: 50 }),
      await PostgresEventStore.open({ connectionString: db.url, schema, poolSize: 2 }),
    ];
    const subscribed: RecordedEvent[] = [];
    const sub = a.subscribe(null, (events) => void subscribed.push(...events));
    const [results, followed, paged] = await Promise.all([
      Promise.all(Array.from({ length: WRITERS }, (_, n) => writer(db.url, schema, n))),
      follow(a, 7),
      follow(b, 500),
    ]);
    while (subscribed.length < EVENTS) await new Promise((r) => setTimeout(r, 20));
    await sub.close();

    const acked = results.flatMap((r) => r.acked);
    expect(acked).toHaveLength(EVENTS);
    // The streams were contended: some appends had to decide again.
    expect(results.reduce((n, r) => n + r.conflicts, 0)).toBeGreaterThan(0);
    const byId = new Map(acked.map((e) => [e.eventId, e]));
    for (const seen of [followed, paged, subscribed]) {
      // Positions 1..N, each once, in order: a reader never saw a later event before an earlier one.
      expect(seen.map((e) => e.position)).toEqual(Array.from({ length: EVENTS }, (_, i) => String(i + 1)));
      expect(seen.map((e) => ({ eventId: e.eventId, position: e.position, stream: e.stream, revision: e.revision }))).toEqual(
        seen.map((e) => byId.get(e.eventId)),
      );
    }
    // Revisions contiguous per stream; record times never decrease in position order.
    const revisions = new Map<string, number>();
    for (const e of followed) {
      expect(e.revision).toBe((revisions.get(e.stream) ?? -1) + 1);
      revisions.set(e.stream, e.revision);
    }
    const times = followed.map((e) => e.recordedAt);
    expect(times).toEqual([...times].sort());
    const raw = await b.readRaw(null, EVENTS + 1);
    expect(verifyLog({ rawEvents: () => raw, checkpoints: () => [] }, null)).toMatchObject({ ok: true, events: EVENTS, streams: STREAMS });
    await Promise.all([a.close(), b.close()]);
  }, 120_000);
});
