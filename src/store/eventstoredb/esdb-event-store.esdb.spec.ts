import { randomBytes } from 'node:crypto';
import { describeEventStoreConformance } from '../testing/event-store.conformance';
import { connectEventStoreDb } from './esdb-client';
import { EventStoreDbEventStore } from './esdb-event-store';

/**
 * The conformance suite against a real EventStoreDB (or KurrentDB) server, when
 * LEDGER_EVENTSTOREDB_URL names one (`npm run test:eventstoredb`, e.g. against `docker compose up`).
 * Every store opened here writes under a stream prefix of its own, so runs share a server apart.
 */
const url = process.env.LEDGER_EVENTSTOREDB_URL;

if (!url) {
  console.warn('\n*** LEDGER_EVENTSTOREDB_URL is not set: the EventStoreDB conformance suite is SKIPPED. ***\n');
  describe.skip('EventStoreDB conformance (LEDGER_EVENTSTOREDB_URL not set)', () => it('runs against a real server', () => undefined));
} else {
  describeEventStoreConformance(
    `EventStoreDB at ${url}`,
    async () => {
      const streamPrefix = `t${randomBytes(6).toString('hex')}-`;
      const open = () => new EventStoreDbEventStore({ client: connectEventStoreDb(url, 5000), streamPrefix, probeMs: 0 });
      return { store: open(), reopen: async () => open() };
    },
    { eventIdsUniqueAcrossStreams: false },
  );
}
