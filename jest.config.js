// Two projects: fast pure specs beside the code, and HTTP/store tests that touch real files.
const common = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
};
module.exports = {
  projects: [
    { ...common, displayName: 'unit', roots: ['<rootDir>/src', '<rootDir>/projections'], testMatch: ['**/*.unit.spec.ts'] },
    { ...common, displayName: 'int', roots: ['<rootDir>/src', '<rootDir>/projections'], testMatch: ['**/*.int.spec.ts'] },
    { ...common, displayName: 'e2e', roots: ['<rootDir>/test'], testMatch: ['**/*.e2e.spec.ts'] },
    // The ledger as a process of its own, from a build of its own: the crash test and start-up failures.
    { ...common, displayName: 'process', roots: ['<rootDir>/test'], testMatch: ['**/*.process.spec.ts'], globalSetup: '<rootDir>/test/process/global-setup.js' },
    { ...common, displayName: 'bench', roots: ['<rootDir>/bench'], testMatch: ['**/*.quick.spec.ts'], modulePathIgnorePatterns: ['<rootDir>/bench/node_modules'] },
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
