import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECTIONS } from '../projections';
import { LedgerConfig } from './config/ledger-config';
import { Clock } from './ledger/command-handling/clock';
import { CommandRunner } from './ledger/command-handling/command-runner';
import { KeyStore } from './personal-data/key-store';
import { PERSONAL_DATA, PersonalData } from './personal-data/personal-data';
import { DocStore } from './read-models/doc-store';
import { PROJECTION_LIST, ProjectionRunner } from './read-models/projection-runner';
import { EVENT_STORE, type EventStore } from './store/event-store.port';
import { SqliteEventStore } from './store/sqlite-event-store';

const inDataDir = (config: LedgerConfig, file: string) => {
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  return join(config.dataDir, file);
};

/** The ledger's infrastructure, one instance each: the store, the keys, the read models. */
@Global()
@Module({
  providers: [
    Clock,
    CommandRunner,
    ProjectionRunner,
    { provide: EVENT_STORE, inject: [LedgerConfig], useFactory: (c: LedgerConfig) => new SqliteEventStore(inDataDir(c, 'events.db')) },
    { provide: KeyStore, inject: [LedgerConfig], useFactory: (c: LedgerConfig) => new KeyStore(inDataDir(c, 'keys.db')) },
    { provide: DocStore, inject: [LedgerConfig], useFactory: (c: LedgerConfig) => new DocStore(inDataDir(c, 'read-models.db')) },
    { provide: PERSONAL_DATA, inject: [KeyStore], useFactory: (k: KeyStore) => new PersonalData(k) },
    { provide: PROJECTION_LIST, useValue: PROJECTIONS },
  ],
  exports: [Clock, CommandRunner, ProjectionRunner, EVENT_STORE, KeyStore, DocStore, PERSONAL_DATA],
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

