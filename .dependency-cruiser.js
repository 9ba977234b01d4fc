// The pure core (domain folders and projections/) must not reach frameworks, stores, brokers or IO.
const pure = '^(src/.+/domain/|projections/)';
// Tests may reach across (a store's spec verifies its log with the auditor's code).
const specs = '\\.spec\\.ts$|/testing/';
module.exports = {
  forbidden: [
    {
      name: 'pure-core-imports-no-framework',
      comment: 'Deciders and projections are pure folds: no NestJS, store client, Kafka or IO.',
      severity: 'error',
      from: { path: pure },
      to: {
        path: '(^|/)node_modules/(@nestjs|better-sqlite3|@eventstore|kafkajs|class-validator|class-transformer|express|rxjs)',
      },
    },
    {
      name: 'pure-core-imports-no-node-io',
      severity: 'error',
      from: { path: pure },
      to: { dependencyTypes: ['core'], path: '^(fs|net|http|https|child_process|crypto|os|worker_threads)$' },
    },
    {
      name: 'pure-core-stays-in-the-core',
      comment: 'The pure core may import only other pure code.',
      severity: 'error',
      from: { path: pure },
      to: { path: '^src/', pathNot: '^src/.+/domain/' },
    },
    {
      name: 'store-adapters-depend-on-the-port-only',
      comment: 'An adapter implements the core ports; it knows nothing of audit, read models, publishing or the ledger above it.',
      severity: 'error',
      from: { path: '^src/store/', pathNot: specs },
      to: { path: '^src/', pathNot: '^src/(store|core)/|^src/.+/domain/' },
    },
    {
      name: 'audit-depends-on-its-port-not-an-adapter',
      comment: 'Audit reads and seals through AuditLog (src/core/ports); the shell hands it an adapter.',
      severity: 'error',
      from: { path: '^src/audit/', pathNot: specs },
      to: { path: '^src/store/' },
    },
    {
      name: 'consumers-depend-on-the-port-not-an-adapter',
      comment: 'Read models and the relay are fed through the event-store port; only the shell picks the store.',
      severity: 'error',
      from: { path: '^src/(read-models|publishing)/', pathNot: specs },
      to: { path: '^src/store/', pathNot: '^src/store/(sqlite-files|sqlite-busy|wal-checkpointer|store-guard)\\.ts$' },
    },
    {
      name: 'the-core-depends-on-nothing-above-it',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/', pathNot: '^src/core/|^src/.+/domain/' },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
