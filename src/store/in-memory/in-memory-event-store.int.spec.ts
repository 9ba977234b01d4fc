import { describeEventStoreConformance } from '../testing/event-store.conformance';
import { InMemoryEventStore, InMemoryLog } from './in-memory-event-store';

describeEventStoreConformance('in memory', async () => {
  const log = new InMemoryLog();
  return { store: new InMemoryEventStore(log), reopen: async () => new InMemoryEventStore(log) };
});
