import type { Provider } from '@nestjs/common';
import { LedgerConfig } from '../config/ledger-config';
import { LEADERSHIP, type Leadership, SoleInstance } from '../leadership/leadership';
import { KeyStore } from '../personal-data/key-store';
import type { PupilKeys } from '../personal-data/pupil-keys';
import { DataDirectory } from './data-directory';
import { EVENT_STORE, type EventStore } from '../core/ports/event-store.port';
import { connectEventStoreDb } from './eventstoredb/esdb-client';
import { EventStoreDbEventStore } from './eventstoredb/esdb-event-store';
import { PostgresEventStore } from './postgres/postgres-event-store';
import { KeysFollowingStore } from './postgres/shared/keys-following-store';
import { PostgresLease } from './postgres/shared/postgres-lease';
import { SharedKeys } from './postgres/shared/shared-keys';
import { SHARED_STATE, SharedState } from './postgres/shared/shared-state';
import { SqliteEventStore } from './sqlite-event-store';

type Log = { warn(message: string): void; log(message: string): void };

/**
 * Opens the log `LEDGER_STORE` selects (inject: LedgerConfig, DataDirectory, KeyStore). `now` (ms
 * since the epoch) stamps `recordedAt` on PostgreSQL in place of the database's clock: tests give
 * their clock, production never does (the database's is the one clock of every instance,
 * PostgresStoreOptions.now); the embedded store stamps the time each append brings anyway.
 */
export const eventStoreFactory =
  (log: Log, now?: () => number) =>
  async (c: LedgerConfig, d: DataDirectory, keys: PupilKeys): Promise<EventStore> => {
    const warn = (m: string) => log.warn(m);
    const s = c.store;
    // The data directory is given out only with its lock held (LedgerModule): this store is the one writer of its log.
    if (s.kind === 'sqlite') return new SqliteEventStore(d.file('events.db'), { warn, soleWriter: true });
    const inner =
      s.kind === 'postgres'
        ? await PostgresEventStore.open({ connectionString: s.postgresUrl, schema: s.schema, warn, ...(now ? { now } : {}) })
        : new EventStoreDbEventStore({ client: connectEventStoreDb(s.eventStoreDbUrl, 5000), warn });
    return new KeysFollowingStore(inner, keys as SharedKeys);
  };

/**
 * The store, the pupils' keys, the shared state and the leases, as `LEDGER_STORE` selects them
 * (store-selection.ts): the embedded files in the data directory, or a shared log with what every
 * instance shares in PostgreSQL. Every provider keeps its token, so nothing else knows which.
 */
export const storeProviders = (log: Log): Provider[] => [
  {
    provide: SHARED_STATE,
    inject: [LedgerConfig],
    useFactory: (c: LedgerConfig): Promise<SharedState> | null =>
      c.store.kind === 'sqlite' ? null : SharedState.open({ connectionString: c.store.postgresUrl, schema: c.store.schema }),
  },
  {
    provide: KeyStore,
    inject: [DataDirectory, SHARED_STATE],
    useFactory: (d: DataDirectory, shared: SharedState | null): PupilKeys =>
      shared ? new SharedKeys(shared) : new KeyStore(d.file('keys.db'), { warn: (m) => log.warn(m) }),
  },
  { provide: EVENT_STORE, inject: [LedgerConfig, DataDirectory, KeyStore], useFactory: eventStoreFactory(log) },
  {
    provide: LEADERSHIP,
    inject: [LedgerConfig],
    useFactory: (c: LedgerConfig): Leadership =>
      c.store.kind === 'sqlite'
        ? new SoleInstance()
        : new PostgresLease({ connectionString: c.store.postgresUrl, schema: c.store.schema, log: (m) => log.log(m) }),
  },
];
