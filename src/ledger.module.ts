import { type DynamicModule, Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { PROJECTIONS } from '../projections';
import { LedgerConfig } from './config/ledger-config';
import { Clock } from './ledger/command-handling/clock';
import { CommandRunner } from './ledger/command-handling/command-runner';
import { KeyStore } from './personal-data/key-store';
import { PERSONAL_DATA, PersonalData } from './personal-data/personal-data';
import { DocStore } from './read-models/doc-store';
import { PROJECTION_LIST, ProjectionRunner } from './read-models/projection-runner';
import { AUDIT_LOG } from './core/ports/audit-log.port';
import { DataDirectory } from './store/data-directory';
import { EVENT_STORE, type EventStore } from './store/event-store.port';
import { SqliteEventStore } from './store/sqlite-event-store';

const storeLog = new Logger('store');
const warn = (message: string) => storeLog.warn(message);

/** The ledger's infrastructure, one instance each: the store, the keys, the read models. */
@Global()
@Module({
  providers: [
    Clock,
    CommandRunner,
    ProjectionRunner,
    // Checked before anything in it is opened: a start that cannot go well stops here, saying why.
    { provide: DataDirectory, inject: [LedgerConfig], useFactory: (c: LedgerConfig) => DataDirectory.open(c.dataDir) },
    { provide: EVENT_STORE, inject: [DataDirectory], useFactory: (d: DataDirectory) => new SqliteEventStore(d.file('events.db'), { warn }) },
    // The audit trail reads and seals the log through its port, over the store's own connection.
    { provide: AUDIT_LOG, inject: [EVENT_STORE], useFactory: (s: SqliteEventStore) => s.auditLog() },
    { provide: KeyStore, inject: [DataDirectory], useFactory: (d: DataDirectory) => new KeyStore(d.file('keys.db'), { warn }) },
    { provide: DocStore, inject: [DataDirectory], useFactory: (d: DataDirectory) => new DocStore(d.file('read-models.db')) },
    { provide: PERSONAL_DATA, inject: [KeyStore], useFactory: (k: KeyStore) => new PersonalData(k) },
    { provide: PROJECTION_LIST, useValue: PROJECTIONS },
  ],
  exports: [Clock, CommandRunner, ProjectionRunner, DataDirectory, EVENT_STORE, AUDIT_LOG, KeyStore, DocStore, PERSONAL_DATA],
})
export class LedgerModule implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly keys: KeyStore,
    private readonly docs: DocStore,
  ) {}

  static with(config: LedgerConfig): DynamicModule {
    return { module: LedgerModule, global: true, providers: [{ provide: LedgerConfig, useValue: config }], exports: [LedgerConfig] };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    this.keys.close();
    await this.docs.close();
  }
}

