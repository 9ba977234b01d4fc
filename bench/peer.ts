import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StreamWrite } from '../src/core/ports/event-store.port';
import { SqliteEventStore } from '../src/store/sqlite-event-store';
import { type HistoryShape, pupilWrite } from './history';
import { ROOT } from './paths';

export interface AppendRate {
  readonly store: string;
  readonly writers: number;
  readonly eventsPerSecond: number;
  readonly appendsPerSecond: number;
  readonly failed: number;
}

interface EmmettStore {
  appendToStream(stream: string, events: { type: string; data: unknown; metadata?: unknown }[], options?: { expectedStreamVersion?: bigint }): Promise<unknown>;
}

const PEER_DIR = join(ROOT, 'bench', 'node_modules', '@event-driven-io', 'emmett-sqlite');

/** The peer is the bench's own dependency (bench/package.json); `npm run bench` installs it. */
export const peerInstalled = () => existsSync(PEER_DIR);

/** Appends `writes` with `writers` concurrent writers, each taking the next write when its last is acknowledged. */
export const drive = async (writes: readonly StreamWrite[], writers: number, append: (w: StreamWrite, writer: number) => Promise<unknown>) => {
  let next = 0;
  let failed = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      while (next < writes.length) {
        const w = writes[next++];
        await append(w, writer).catch(() => failed++);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const events = writes.reduce((n, w) => n + w.events.length, 0);
  return { eventsPerSecond: events / seconds, appendsPerSecond: writes.length / seconds, failed };
};

/**
 * The same pupil streams appended one stream per append, each expecting a new stream, by the
 * ledger's store and by emmett-sqlite, with the same number of concurrent writers. Both stores
 * acknowledge only durable appends. `peerPupils` caps the peer's share where it mostly fails, so
 * that a run does not wait on its retries; rates are per second either way.
 */
export const comparePeer = async (shape: Omit<HistoryShape, 'pupils'>, pupils: number, writers: number, peerPupils = pupils): Promise<AppendRate[]> => {
  const writes = Array.from({ length: pupils }, (_, n) => pupilWrite({ ...shape, pupils }, n));
  const dir = mkdtempSync(join(tmpdir(), 'ledger-peer-'));
  const ours = new SqliteEventStore(join(dir, 'ledger.db'));
  const rates: AppendRate[] = [{ store: 'consent ledger (SqliteEventStore)', writers, ...(await drive(writes, writers, (w) => ours.append([w]))) }];
  await ours.close();
  if (peerInstalled()) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { getSQLiteEventStore } = require(PEER_DIR) as { getSQLiteEventStore(o: { fileName: string }): EmmettStore };
    const file = join(dir, 'emmett.db');
    // One store object per writer: emmett-sqlite 0.38.5 shares one connection per store object,
    // opened and closed around each call, which concurrent calls on one object cannot share.
    const stores = Array.from({ length: writers }, () => getSQLiteEventStore({ fileName: file }));
    await stores[0].appendToStream('warm-up', [{ type: 'WarmUp', data: {} }]);
    const peer = await drive(writes.slice(0, peerPupils), writers, (w, writer) =>
      stores[writer].appendToStream(
        w.stream,
        w.events.map((e) => ({ type: e.type, data: e.data as object, metadata: e.metadata })),
        { expectedStreamVersion: 0n },
      ),
    );
    rates.push({ store: '@event-driven-io/emmett-sqlite 0.38.5', writers, ...peer });
  }
  return rates;
};
