// Projects: fast pure specs beside the code, HTTP/store tests that touch real files, the property
// test against the reference model, the bench harness and the Kafka suite. The time-sensitive
// suites run a second time under another host zone: no answer may depend on the machine's zone.
const OTHER_ZONE = 'Pacific/Auckland';
const common = {
  preset: 'ts-jest',
  testEnvironment: '<rootDir>/test/support/zone-environment.js',
  setupFiles: ['<rootDir>/test/support/quiet-logs.js'],
  // A guard against a hang, not a measure of speed: set-ups that start a ledger and record a school
  // day took over jest's 5 s on two loaded cores. Speed is the bench's (BENCHMARKS.md).
  testTimeout: 30_000,
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
const property = { ...common, displayName: 'property', roots: ['<rootDir>/test'], testMatch: ['**/*.property.spec.ts'] };
module.exports = {
  // One temporary directory for the whole run, removed at its end (test/support/temp-root.js).
  globalSetup: '<rootDir>/test/support/temp-root-setup.js',
  globalTeardown: '<rootDir>/test/support/temp-root-teardown.js',
  projects: [
    unit,
    { ...common, displayName: 'int', roots: ['<rootDir>/src', '<rootDir>/projections'], testMatch: ['**/*.int.spec.ts'] },
    e2e,
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
