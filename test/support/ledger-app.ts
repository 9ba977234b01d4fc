import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { AppModule } from '../../src/app.module';
import { ApiKeys } from '../../src/auth/api-keys';
import { ROLES, type Role } from '../../src/auth/roles';
import { LedgerConfig } from '../../src/config/ledger-config';
import type { StoreSelection } from '../../src/config/store-selection';
import { configureApp, ledgerHttpAdapter } from '../../src/http/configure-app';
import { Clock } from '../../src/ledger/command-handling/clock';
import type { RecordedEvent } from '../../src/ledger/domain/recorded-event';
import { pupilStream } from '../../src/ledger/domain/streams';
import { ledgerLog } from '../../src/logging/ledger-log';
import { ms } from '../../src/ledger/domain/time-instant';
import { KeyStore } from '../../src/personal-data/key-store';
import { DataDirectory } from '../../src/store/data-directory';
import { EVENT_STORE, type EventStore } from '../../src/core/ports/event-store.port';
import { eventStoreFactory } from '../../src/store/store-providers';
import { postgresRows, testStore, testStoreKind } from './test-store';

/** The PostgreSQL tables that hold what each embedded file holds, for rawBytes on PostgreSQL. */
const TABLES_OF_FILE: Record<string, readonly string[]> = {
  'events.db': ['events', 'idempotency', 'audit_checkpoints'],
  'keys.db': ['pupil_keys', 'destroyed_keys', 'shred_intents'],
  'relay.db': ['relay_checkpoints', 'relay_parked'],
};
const tablesFor = (file: RegExp) => {
  const named = Object.entries(TABLES_OF_FILE).filter(([f]) => file.test(f));
  // A pattern that takes every file takes the tables no embedded file stands for too (API keys, signing key).
  const all = named.length === Object.keys(TABLES_OF_FILE).length;
  return (table: string) => all || named.some(([, tables]) => tables.includes(table));
};

/** A clock the test sets; ids stay random, as in production. */
export class TestClock extends Clock {
  constructor(public current = '2026-03-01T10:00:00.000Z') {
    super();
  }
  override now(): string {
    return this.current;
  }
}

export const KEYS: Record<Role, string> = Object.fromEntries(ROLES.map((r) => [r, `test-key-for-${r}-0123456789`])) as Record<Role, string>;

export interface Caller {
  get(path: string): request.Test;
  post(path: string, body?: object): request.Test;
}

export interface LedgerOptions {
  /** More `key:role[:schools]` entries beside one board-wide key per role (KEYS). */
  readonly keys?: readonly string[];
  readonly wrongKeysPerMinute?: number;
  /**
   * Where the ledger's JSON log lines go, to read them. Without it the ledger logs nothing, so that
   * the faults tests make on purpose stay out of the test output (LEDGER_TEST_LOG=debug shows them).
   */
  readonly log?: { write(line: string): void };
  /** The school register file (LEDGER_SCHOOLS). */
  readonly schoolsFile?: string;
  /** Signs the pages' sessions (LEDGER_SESSION_SECRET); unset: a secret made in the data directory. */
  readonly sessionSecret?: string;
  /** The store, when a test names it; unset: the project's (test-store.ts). */
  readonly store?: StoreSelection;
  /** How long a query waits for the read models (LEDGER_READ_WAIT_MS), in ms; unset: the default. */
  readonly readWaitMs?: number;
}

export interface LedgerApp {
  readonly app: NestFastifyApplication;
  readonly clock: TestClock;
  readonly dataDir: string;
  readonly store: EventStore;
  as(role: Role): Caller;
  /** Requests with any API key, e.g. one of `options.keys`; none at all when undefined. */
  withKey(key: string | undefined): Caller;
  /** The pupil's stream, read through the store port. */
  stream(pupilId: string): Promise<readonly RecordedEvent[]>;
  /** Every byte the ledger has on disk (on PostgreSQL also every row of its schema), as latin1 text to search in. */
  rawBytes(file?: RegExp): string;
  close(): Promise<void>;
}

/**
 * The real AppModule on a real SQLite data directory of its own (in the e2e-postgres project: its log
 * and shared state in a PostgreSQL schema of that directory's own, test-store.ts); only the clock is the test's.
 */
export const startLedger = async (
  dataDir = mkdtempSync(join(tmpdir(), 'ledger-e2e-')),
  clock = new TestClock(),
  kafka: LedgerConfig['kafka'] = null,
  options: LedgerOptions = {},
): Promise<LedgerApp> => {
  // No schedules in tests: each test runs the checkpoint or the expiry pass itself, when it means to.
  const config = new LedgerConfig({
    port: 0,
    dataDir,
    checkpointMinutes: 0,
    expiryMinutes: 0,
    kafka,
    ...(options.wrongKeysPerMinute !== undefined ? { wrongKeysPerMinute: options.wrongKeysPerMinute } : {}),
    ...(options.readWaitMs !== undefined ? { readWaitMs: options.readWaitMs } : {}),
    sessionSecret: options.sessionSecret,
    schoolsFile: options.schoolsFile ?? null,
    store: options.store ?? testStore(dataDir),
  });
  const level = options.log ? 'info' : ((process.env.LEDGER_TEST_LOG as 'debug' | undefined) ?? 'silent');
  const log = ledgerLog(level, options.log ?? (process.env.LEDGER_TEST_LOG ? undefined : { write: () => undefined }));
  const keys = new ApiKeys([...Object.entries(KEYS).map(([role, key]) => `${key}:${role}`), ...(options.keys ?? [])].join(','));
  const testing = Test.createTestingModule({ imports: [AppModule.with(config, keys, log)] })
    .overrideProvider(Clock)
    .useValue(clock);
  // On PostgreSQL recordedAt is the database's clock, not the time an append brings; here it is the
  // test's clock (still held monotonic), so answers "as known at" follow the time the test sets, as
  // on the embedded store. Only this harness gives the store a clock: no setting of production can.
  if (config.store.kind === 'postgres') {
    testing
      .overrideProvider(EVENT_STORE)
      .useFactory({ factory: eventStoreFactory(new Logger('store'), () => ms(clock.now())), inject: [LedgerConfig, DataDirectory, KeyStore] });
  }
  const moduleRef = await testing.compile();
  const app = await configureApp(moduleRef.createNestApplication<NestFastifyApplication>(ledgerHttpAdapter(), { bufferLogs: true }));
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const store = app.get<EventStore>(EVENT_STORE);
  const server = app.getHttpServer();
  let closed = false;
  const withKey = (key: string | undefined): Caller => {
    const auth = (t: request.Test) => (key === undefined ? t : t.set('Authorization', `Bearer ${key}`));
    return { get: (path) => auth(request(server).get(path)), post: (path, body = {}) => auth(request(server).post(path)).send(body) };
  };
  return {
    app,
    clock,
    dataDir,
    store,
    as: (role) => withKey(KEYS[role]),
    withKey,
    stream: async (pupilId) => (await store.readStream(pupilStream(pupilId))).events,
    rawBytes: (file = /./) =>
      [
        ...readdirSync(dataDir)
          .filter((f) => file.test(f))
          .map((f) => readFileSync(join(dataDir, f)).toString('latin1')),
        ...(testStoreKind() === 'postgres' ? [postgresRows(dataDir, tablesFor(file))] : []),
      ].join('\n'),
    close: async () => {
      if (closed) return;
      closed = true;
      await app.close();
    },
  };
};

/** A pupil with two parents at school s-1, enrolled on 25 August 2025. */
export const enrolBody = (pupilId: string, extra: object = {}) => ({
  pupilId,
  schoolId: 's-1',
  enrolledOn: '2025-08-25',
  guardians: [
    { guardianId: `${pupilId}-mum`, relation: 'parent' },
    { guardianId: `${pupilId}-dad`, relation: 'parent' },
  ],
  ...extra,
});

export const consentBody = (pupilId: string, purpose: string, extra: object = {}) => ({
  purpose,
  guardianId: `${pupilId}-mum`,
  noticeVersion: 'v2025-1',
  channel: 'paper',
  ...extra,
});
