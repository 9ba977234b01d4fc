// Projects: fast pure specs beside the code, HTTP/store tests that touch real files, the property
// test against the reference model, the bench harness and the Kafka suite. The time-sensitive
// suites run a second time under another host zone: no answer may depend on the machine's zone.
const OTHER_ZONE = 'Pacific/Auckland';
const common = {
  preset: 'ts-jest',
  testEnvironment: '<rootDir>/test/support/zone-environment.js',
  setupFiles: ['<rootDir>/test/support/quiet-logs.js'],
  // .tsx: the pages' templates (src/ui).
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
};
const inOtherZone = (project) => ({
  ...project,
  displayName: `${project.displayName}-auckland`,
  testEnvironmentOptions: { zone: OTHER_ZONE },
  globals: { LEDGER_TEST_ZONE: OTHER_ZONE },
});
const timeE2e = ['**/host-zone.e2e.spec.ts', '**/out-of-order.e2e.spec.ts', '**/time-formats.e2e.spec.ts', '**/consent-expiry.e2e.spec.ts', '**/queries.e2e.spec.ts'];
const unit = { ...common, displayName: 'unit', roots: ['<rootDir>/src', '<rootDir>/projections'], testMatch: ['**/*.unit.spec.ts'] };
const e2e = { ...common, displayName: 'e2e', roots: ['<rootDir>/test'], testMatch: ['**/*.e2e.spec.ts'] };
// The e2e suites again with the log and the shared state in PostgreSQL, a database made for the run
// (test/support/postgres-e2e.js); recordedAt there is the test's clock, as on the embedded store
// (test/support/ledger-app.ts). Left out by name, each for what it asserts of the embedded store:
const SQLITE_ONLY_SUITES = [
  // The embedded files themselves: faults of events.db and of the disk under it, backup and restore
  // of the data directory, the read-model file swap, the store's file size in /metrics.
  ...['store-faults', 'disk-faults', 'backup-restore', 'read-models-swap', 'metrics'],
  // Tampering with events.db or keys.db through SQLite (bytes changed, triggers, rolled-back files)
  // to see verify, the start and the reads catch it; and the `ledger` command on copies of the data
  // directory. The command on PostgreSQL has its own suite (test/ledger-cli-postgres.process.spec.ts).
  ...['audit', 'audit-replay-and-access', 'kept-checkpoints', 'ledger-command', 'privacy-and-destruction', 'personal-data-reads', 'parent-page', 'time-formats'],
];
const { postgresAnswers, SERVER: POSTGRES_SERVER } = require('./test/support/postgres-e2e');
const e2ePostgres = {
  ...e2e,
  displayName: 'e2e-postgres',
  testPathIgnorePatterns: ['/node_modules/', ...SQLITE_ONLY_SUITES.map((name) => `/${name}\\.e2e\\.spec\\.ts$`)],
  globals: { LEDGER_TEST_STORE: 'postgres' },
  globalSetup: '<rootDir>/test/support/postgres-e2e-setup.js',
  globalTeardown: '<rootDir>/test/support/postgres-e2e-teardown.js',
};
/** Where no PostgreSQL answers the project is left out, loudly; under CI=true it stays, and its set-up fails. */
const withPostgres = (project) => {
  if (process.env.CI === 'true' || postgresAnswers()) return [project];
  const line = `PostgreSQL does not answer at ${POSTGRES_SERVER}: the ${project.displayName} project is SKIPPED. Start PostgreSQL 15 (or set LEDGER_TEST_POSTGRES_URL).`;
  process.stderr.write(`\n${'!'.repeat(line.length + 4)}\n! ${line} !\n${'!'.repeat(line.length + 4)}\n\n`);
  return [];
};
const property = { ...common, displayName: 'property', roots: ['<rootDir>/test'], testMatch: ['**/*.property.spec.ts'] };
module.exports = {
  // One temporary directory for the whole run, removed at its end (test/support/temp-root.js).
  globalSetup: '<rootDir>/test/support/temp-root-setup.js',
  globalTeardown: '<rootDir>/test/support/temp-root-teardown.js',
  // A guard against a hang, not a measure of speed: set-ups that start a ledger and record a school
  // day took over jest's 5 s on two loaded cores. Speed is the bench's (BENCHMARKS.md). Jest reads it
  // here only, never per project (there it warned "Unknown option" and kept 5 s).
  testTimeout: 30_000,
  projects: [
    unit,
    { ...common, displayName: 'int', roots: ['<rootDir>/src', '<rootDir>/projections'], testMatch: ['**/*.int.spec.ts'] },
    e2e,
    ...withPostgres(e2ePostgres),
    // The ledger as a process of its own, from a build of its own: the crash test and start-up failures.
    { ...common, displayName: 'process', roots: ['<rootDir>/test'], testMatch: ['**/*.process.spec.ts'], globalSetup: '<rootDir>/test/process/global-setup.js' },
    property,
    inOtherZone(unit),
    inOtherZone({ ...e2e, testMatch: timeE2e }),
    inOtherZone(property),
    // The EventStoreDB adapter against a real server: skipped unless LEDGER_EVENTSTOREDB_URL names one.
    { ...common, displayName: 'eventstoredb', roots: ['<rootDir>/src'], testMatch: ['**/*.esdb.spec.ts'] },
    { ...common, displayName: 'bench', roots: ['<rootDir>/bench'], testMatch: ['**/*.quick.spec.ts'], modulePathIgnorePatterns: ['<rootDir>/bench/node_modules', '<rootDir>/bench/peer-postgresql'] },
    {
      ...common,
      displayName: 'kafka',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.kafka.spec.ts'],
      globalSetup: '<rootDir>/test/kafka/global-setup.js',
      globalTeardown: '<rootDir>/test/kafka/global-teardown.js',
    },
  ],
};
