import { type DynamicModule, Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { PROJECTIONS } from '../projections';
import { LedgerConfig } from './config/ledger-config';
import { Clock } from './ledger/command-handling/clock';
import { CommandDoor } from './ledger/command-handling/command-door';
import { KeyStore } from './personal-data/key-store';
import { PERSONAL_DATA, PersonalData } from './personal-data/personal-data';
import { DocStore } from './read-models/doc-store';
import { PROJECTION_LIST, ProjectionRunner } from './read-models/projection-runner';
import { DataDirectory } from './store/data-directory';
import { DataDirectoryLock } from './store/data-directory-lock';
import { EVENT_STORE, type EventStore } from './store/event-store.port';
import { SqliteEventStore } from './store/sqlite-event-store';

const storeLog = new Logger('store');
const warn = (message: string) => storeLog.warn(message);

/** The ledger's infrastructure, one instance each: the store, the keys, the read models. */
@Global()
@Module({
  providers: [
    Clock,
    CommandDoor,
    ProjectionRunner,
    // Checked before anything in it is opened: a start that cannot go well stops here, saying why.
    // Then locked before anything in it is opened for writing: one writing process per data directory.
    { provide: DataDirectoryLock, inject: [LedgerConfig], useFactory: (c: LedgerConfig) => DataDirectoryLock.acquire(DataDirectory.open(c.dataDir)) },
    { provide: DataDirectory, inject: [DataDirectoryLock], useFactory: (l: DataDirectoryLock) => l.directory },
    { provide: EVENT_STORE, inject: [DataDirectory], useFactory: (d: DataDirectory) => new SqliteEventStore(d.file('events.db'), { warn }) },
    { provide: KeyStore, inject: [DataDirectory], useFactory: (d: DataDirectory) => new KeyStore(d.file('keys.db'), { warn }) },
    { provide: DocStore, inject: [DataDirectory], useFactory: (d: DataDirectory) => new DocStore(d.file('read-models.db')) },
    { provide: PERSONAL_DATA, inject: [KeyStore], useFactory: (k: KeyStore) => new PersonalData(k) },
    { provide: PROJECTION_LIST, useValue: PROJECTIONS },
  ],
  exports: [Clock, CommandDoor, ProjectionRunner, DataDirectory, EVENT_STORE, KeyStore, DocStore, PERSONAL_DATA],
})
export class LedgerModule implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly keys: KeyStore,
    private readonly docs: DocStore,
    private readonly lock: DataDirectoryLock,
  ) {}

  static with(config: LedgerConfig): DynamicModule {
    return { module: LedgerModule, global: true, providers: [{ provide: LedgerConfig, useValue: config }], exports: [LedgerConfig] };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    this.keys.close();
    await this.docs.close();
    this.lock.release();
  }
}

