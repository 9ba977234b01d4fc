// The pure core (domain folders and projections/) must not reach frameworks, stores, brokers or IO.
const pure = '^(src/.+/domain/|projections/)';
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
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
