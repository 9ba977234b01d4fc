// The layering (docs/architecture.md): dependencies run one way, from the shell down to the core.
//
//   shell            Nest modules, main, the CLI (and the backup it runs), the store selection
//   HTTP, use cases  controllers, command handlers, query services, pages, auth, metrics
//   below them       the command side (src/ledger/command-handling), read models, audit, publishing
//   infrastructure   configuration, keys, leases, the register of schools, SQLite file handling
//   port and rules   src/core (the ports, the hash chain), every src/*/domain, projections/
//   the core         src/ledger/domain: time, errors, stream names, the recorded event
//
// Store adapters implement the port; only the shell chooses one and so depends on it.
// Specs and test helpers (`testing/`) may reach anything: they start real components.

const pure = '^(src/.+/domain/|projections/)';
const tests = '(\\.spec\\.ts$|/testing/)';

const SHELL = '(\\.module\\.ts$|^src/main\\.ts$|^src/cli/|^src/store/store-providers\\.ts$|^src/store/postgres/shared/shared-audit\\.provider\\.ts$)';
const CORE = '^src/ledger/domain/';
// With the ports, the audit trail's integrity rules that every store adapter honours: how events are
// chained (src/core/hash-chain.ts), how a seal is signed and
// kept, how a log is verified (the shared audit in PostgreSQL seals and verifies with them).
const AUDIT_RULES = 'src/audit/(checkpoint|kept-checkpoint|verify-log)\\.ts$';
const PORT_AND_RULES = `^(src/core/|src/[^/]+/domain/|projections/|${AUDIT_RULES})`;
// The event-store adapters. The SQLite file helpers (sqlite-files, sqlite-busy, sqlite-read-only,
// store-guard, wal-checkpointer) are not among them: the read models, the keys and the relay's
// checkpoint keep SQLite files of their own through them.
const ADAPTERS =
  '^src/store/(sqlite-event-store|sqlite-subscription|sqlite-event-row|sqlite-schema|sqlite-migrations|sqlite-audit-log|remote-store-condition|postgres/|eventstoredb/|in-memory)';
const INFRASTRUCTURE = '^src/(config|personal-data|leadership|schools|store)/|^src/logging/(?!request-log)|^src/auth/(api-keys|roles)\\.ts$';
const BELOW_USE_CASES = '^src/(ledger/command-handling|read-models|audit|publishing)/';
const USE_CASES =
  '^src/(http|openapi|metrics|ui|queries|reads|pupils|recipients|sharing|catalogue|export)/|^src/auth/(?!api-keys|roles)|^src/logging/request-log|^src/audit/audit\\.controller\\.ts$';

/** Everything a layer may not import: the layers above it. */
const above = (...layers) => ({ path: layers.join('|'), pathNot: `${CORE}|${PORT_AND_RULES}` });

/**
 * Dependencies against the layering that are known, each with why, at most four. They are
 * reported as ignored; a new one fails the build.
 */
const knownViolations = [
  // The relay keeps its checkpoint in PostgreSQL when the store is shared: it picks the checkpoint
  // itself instead of receiving it from the store selection.
  { from: 'src/publishing/relay.service.ts', to: 'src/store/postgres/shared/shared-relay-checkpoint.ts', rule: 'adapters-only-behind-the-shell' },
  { from: 'src/publishing/relay.service.ts', to: 'src/store/postgres/shared/shared-state.ts', rule: 'adapters-only-behind-the-shell' },
].map(({ from, to, rule }) => ({ type: 'dependency', from, to, rule: { name: rule, severity: 'error' } }));

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
      name: 'core-imports-only-the-core',
      comment: 'Time, errors and stream names are what every rule stands on; they know no rule.',
      severity: 'error',
      from: { path: CORE, pathNot: tests },
      to: { path: '^(src|projections)/', pathNot: CORE },
    },
    {
      name: 'port-and-rules-look-down',
      comment: 'The port and the rules know only each other and the core.',
      severity: 'error',
      from: { path: PORT_AND_RULES, pathNot: tests },
      to: { path: '^(src|projections)/', pathNot: `${CORE}|${PORT_AND_RULES}` },
    },
    {
      name: 'infrastructure-looks-down',
      comment: 'Configuration, keys, leases and SQLite files serve the layers above; they know none of them.',
      severity: 'error',
      from: { path: INFRASTRUCTURE, pathNot: `${tests}|${SHELL}|${ADAPTERS}|${PORT_AND_RULES}` },
      to: above(BELOW_USE_CASES, USE_CASES, SHELL),
    },
    {
      name: 'command-side-read-models-audit-publishing-look-down',
      comment: 'The command side, the read models, the audit trail and the relay know no controller, page or module.',
      severity: 'error',
      from: { path: BELOW_USE_CASES, pathNot: `${tests}|${SHELL}|${PORT_AND_RULES}|^src/audit/audit\\.controller\\.ts$` },
      to: above(USE_CASES, SHELL),
    },
    {
      name: 'use-cases-know-no-shell',
      comment: 'Controllers, handlers, query services and pages are composed by modules; they import none.',
      severity: 'error',
      from: { path: USE_CASES, pathNot: `${tests}|${SHELL}|${PORT_AND_RULES}` },
      to: above(SHELL),
    },
    {
      name: 'adapters-only-behind-the-shell',
      comment: 'Only the shell chooses a store adapter; everything else speaks to the port.',
      severity: 'error',
      from: { pathNot: `${tests}|${SHELL}|${ADAPTERS}` },
      to: { path: ADAPTERS },
    },
    {
      name: 'adapters-implement-the-port',
      comment: 'A store adapter knows the port, the core and the infrastructure, never who uses it.',
      severity: 'error',
      from: { path: ADAPTERS, pathNot: `${tests}|${SHELL}` },
      to: above(BELOW_USE_CASES, USE_CASES, SHELL),
    },
    {
      name: 'commands-know-no-http',
      comment: 'Handlers and the services behind them take commands of the ledger’s own; the controller maps DTO and path into them.',
      severity: 'error',
      from: { path: '^src/(pupils|recipients|sharing|catalogue)/.*(?<!\\.controller\\.ts)$|^src/ledger/command-handling/', pathNot: `${tests}|${SHELL}|\\.dto\\.ts$` },
      to: { path: '\\.dto\\.ts$|^src/http/' },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    knownViolations,
  },
};
