import { type DynamicModule, Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { LedgerConfig } from './config/ledger-config';
import { Clock } from './ledger/command-handling/clock';
import { AcknowledgedPosition } from './ledger/command-handling/acknowledged-position';
import { CommandDoor } from './ledger/command-handling/command-door';
import { LEADERSHIP, type Leadership } from './leadership/leadership';
import { KeyStore } from './personal-data/key-store';
import type { PupilKeys } from './personal-data/pupil-keys';
import { PERSONAL_DATA, PersonalData } from './personal-data/personal-data';
import { DocStore } from './read-models/doc-store';
import { LEDGER_PROJECTIONS } from './read-models/ledger-projections';
import { PROJECTION_SOURCE, ProjectionRunner } from './read-models/projection-runner';
import { AUDIT_LOG } from './core/ports/audit-log.port';
import { DataDirectory } from './store/data-directory';
import { DataDirectoryLock } from './store/data-directory-lock';
import { EVENT_STORE, type EventStore } from './core/ports/event-store.port';
import { SqliteEventStore } from './store/sqlite-event-store';
import { SHARED_STATE, type SharedState } from './store/postgres/shared/shared-state';
import { storeProviders } from './store/store-providers';

const storeLog = new Logger('store');

/** The ledger's infrastructure, one instance each: the store, the keys, the read models. */
@Global()
@Module({
  providers: [
    Clock,
    AcknowledgedPosition,
    CommandDoor,
    ProjectionRunner,
    // Checked before anything in it is opened: a start that cannot go well stops here, saying why.
    // Then locked before anything in it is opened for writing: one writing process per data directory.
    { provide: DataDirectoryLock, inject: [LedgerConfig], useFactory: (c: LedgerConfig) => DataDirectoryLock.acquire(DataDirectory.open(c.dataDir)) },
    { provide: DataDirectory, inject: [DataDirectoryLock], useFactory: (l: DataDirectoryLock) => l.directory },
    // The store and the keys as LEDGER_STORE selects them; with a shared store also the shared state and the leases.
    ...storeProviders(storeLog),
    // The audit trail reads and seals the embedded log through its port, over the store's own connection (a shared store's audit is SharedAudit's).
    { provide: AUDIT_LOG, inject: [EVENT_STORE], useFactory: (s: EventStore) => (s instanceof SqliteEventStore ? s.auditLog() : null) },
    { provide: DocStore, inject: [DataDirectory], useFactory: (d: DataDirectory) => new DocStore(d.file('read-models.db')) },
    { provide: PERSONAL_DATA, inject: [KeyStore], useFactory: (k: PupilKeys) => new PersonalData(k) },
    { provide: PROJECTION_SOURCE, useValue: LEDGER_PROJECTIONS },
  ],
  exports: [
    Clock,
    AcknowledgedPosition,
    CommandDoor,
    ProjectionRunner,
    DataDirectory,
    EVENT_STORE,
    AUDIT_LOG,
    KeyStore,
    DocStore,
    PERSONAL_DATA,
    SHARED_STATE,
    LEADERSHIP,
  ],
})
export class LedgerModule implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(KeyStore) private readonly keys: PupilKeys,
    private readonly docs: DocStore,
    private readonly lock: DataDirectoryLock,
    @Inject(LEADERSHIP) private readonly leadership: Leadership,
    @Inject(SHARED_STATE) private readonly shared: SharedState | null,
  ) {}

  static with(config: LedgerConfig): DynamicModule {
    return { module: LedgerModule, global: true, providers: [{ provide: LedgerConfig, useValue: config }], exports: [LedgerConfig] };
  }

  async onApplicationShutdown(): Promise<void> {
    // The leases first: another instance takes the relay over while this one closes.
    await this.leadership.close();
    await this.store.close();
    await this.keys.close();
    await this.docs.close();
    await this.shared?.close();
    this.lock.release();
  }
}
