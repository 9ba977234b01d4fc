import type { HttpProcessFigures } from './http-process';
import type { AppendRate } from './peer';
import type { BenchResult } from './run';

const n = (v: number, digits = 0) => (Number.isFinite(v) ? v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '—');
const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(v < 1 ? 3 : 2)} ms` : '—');
const MB = (bytes: number) => `${n(bytes / 2 ** 20)} MiB`;

const DURABILITY = 'durable: WAL, one fsync per group commit before any acknowledgement';

const appendTable = (rows: readonly AppendRate[]) => `| store | writers | events/s | appends/s | failed |
|---|---|---|---|---|
${rows.map((p) => `| ${p.store} | ${p.writers} | ${n(p.eventsPerSecond)} | ${n(p.appendsPerSecond)} | ${p.failed} |`).join('\n')}`;

/** The ledger's append rate over the peer's (stores named by the prefixes given): per writer count, and each at its best count without failures. */
const ratios = (rows: readonly AppendRate[], ours: string, theirs: string) => {
  const at = (store: string, writers: number) => rows.find((p) => p.writers === writers && p.store.startsWith(store));
  const best = (store: string) => rows.filter((p) => p.store.startsWith(store) && p.failed === 0).sort((a, b) => b.eventsPerSecond - a.eventsPerSecond)[0];
  const [ourBest, theirBest] = [best(ours), best(theirs)];
  return {
    at: (w: number) => (at(ours, w) && at(theirs, w) ? `${n(at(ours, w)!.eventsPerSecond / at(theirs, w)!.eventsPerSecond, 2)}×` : '—'),
    best:
      ourBest && theirBest
        ? `${n(ourBest.eventsPerSecond / theirBest.eventsPerSecond, 2)}× with each store at its best concurrency without failures (the ledger with ${ourBest.writers}, the peer with ${theirBest.writers} writer${theirBest.writers === 1 ? '' : 's'})`
        : 'no configuration of the peer completed without failures',
  };
};

const statuses = (s: Readonly<Record<string, number>>) =>
  Object.entries(s)
    .map(([status, count]) => `${status} × ${n(count)}`)
    .join(', ');

/** The ledger as a user runs it, loaded by the bench's own client: the school-day load and the one-pupil contention. */
const httpProcessTables = (h: HttpProcessFigures) => {
  const d = h.schoolDay;
  return `Commands over HTTP to the ledger as a user runs it (\`node dist/src/main.js\`, a fresh data directory, the key from \`LEDGER_API_KEYS\`, log level info to a file),
from the bench's own load generator in a process of its own (bench/http-load-client.ts: node:http, one keep-alive socket per client), each client
enrolling a new pupil and giving it five consents, over and over, for ${n(d.seconds, 1)} s; every request timed:

| load | clients | requests/s | commands/s (2xx) | p50 | p99 | non-2xx | no answer | target |
|---|---|---|---|---|---|---|---|---|
| enrol + 5 consents (${n(d.pupilsEnrolled)} pupils enrolled) | ${d.clients} | ${n(d.requestsPerSecond)} | ${n(d.commandsPerSecond)} | ${ms(d.p50)} | ${ms(d.p99)} | ${n(d.non2xx)} | ${n(d.errors)} | ≥ 5,000/s at p99 ≤ 25 ms |

| contention | answers by status | answered 409 | target |
|---|---|---|---|
| ${n(h.onePupil.consents)} consents on one pupil at once, over HTTP | ${statuses(h.onePupil.statuses)}${h.onePupil.errors ? `, no answer × ${h.onePupil.errors}` : ''} | ${n(h.onePupil.statuses['409'] ?? 0)} | 0 answered 409 |`;
};

/** One scale's section, replacing the one it had, so every run rewrites only what it measured. */
/** Where the history was kept from an earlier run (`--history`), when it was loaded and how busy the cores were then. */
const keptNote = (l: BenchResult['loaded']): string =>
  l.kept && l.loadedAt
    ? `, on ${l.loadedAt.slice(0, 16).replace('T', ' ')} UTC with a load average of ${n(l.loadAverage ?? NaN, 1)} (a history kept by \`--history\` and copied for this run)`
    : '';
export const renderSection = (doc: string, r: BenchResult, machine: string, when: string): string => {
  const begin = `<!-- bench:${r.label}:begin -->`;
  const end = `<!-- bench:${r.label}:end -->`;
  const sqliteRatios = ratios(r.peer, 'consent', '@event');
  const postgresRatios = ratios(r.pgPeer, 'consent', '@event');
  const section = `${begin}
## ${r.label}

${machine} · ${DURABILITY} · measured ${when}

${
  Number.isFinite(r.loaded.seconds)
    ? `Loaded ${n(r.loaded.events)} events of ${n(r.loaded.pupils)} pupils through the store port in ${n(r.loaded.seconds, 1)} s
(${n(r.loaded.events / r.loaded.seconds)} events/s, batches of 250 pupil streams per transaction)${keptNote(r.loaded)}.`
    : `Measured on ${n(r.loaded.events)} events of ${n(r.loaded.pupils)} pupils loaded and rebuilt by an earlier run of this scale (\`--reuse\`).`
}

| figure | value | target |
|---|---|---|
| bytes per event on disk (events.db, hash chain and indexes included) | ${n(r.bytesPerEvent)} B | — |
| rebuild of every projection from zero | ${r.rebuild ? `${n(r.rebuild.perSecond)} events/s (${n(r.rebuild.seconds, 1)} s)` : 'not measured in this run'} | ≥ 250,000 events/s |
| peak memory during the rebuild (RSS of its process) | ${r.rebuild ? MB(r.rebuild.peakRss) : 'not measured in this run'} | ≤ 1 GB |
| as-of consent query (all purposes of a pupil, at and knownAt) | p50 ${ms(r.queries.asOf.p50)}, p99 ${ms(r.queries.asOf.p99)} | p99 ≤ 2 ms |
| access query by pupil | p50 ${ms(r.queries.accessByPupil.p50)}, p99 ${ms(r.queries.accessByPupil.p99)} | — |
| access query by recipient (a school's library) | p50 ${ms(r.queries.accessByRecipient.p50)}, p99 ${ms(r.queries.accessByRecipient.p99)} | — |
| consent check of a class (28 pupils) | p50 ${ms(r.queries.classCheck.p50)}, p99 ${ms(r.queries.classCheck.p99)} | p99 ≤ 5 ms |

Commands (GiveConsent, each reads, folds, decides and appends one event; ${DURABILITY}):

| path | concurrent writers | commands/s | p50 | p99 | failed |
|---|---|---|---|---|---|
${[...r.bus.map((t) => ['command bus', t] as const), ...r.http.map((t) => ['HTTP (autocannon, own process)', t] as const)]
  .map(([path, t]) => `| ${path} | ${t.writers} | ${n(t.perSecond)} | ${ms(t.p50)} | ${ms(t.p99)} | ${t.failed} |`)
  .join('\n')}

${httpProcessTables(r.httpProcess)}

Appending the same pupil streams, one stream per append, each expecting a new stream:

${appendTable(r.peer)}

${r.peerInstalled ? `Ratio to the peer: ${sqliteRatios.best}; ${sqliteRatios.at(1)} with 1 writer each; ${sqliteRatios.at(16)} with 16 writers each, where the peer fails most appends (target ≥ 3×).` : 'The peer is not installed here (`npm run bench` installs it into bench/).'}

${
  r.postgres
    ? `The same, on PostgreSQL ${r.postgres.version} on the same host and cores (\`synchronous_commit=${r.postgres.synchronousCommit}\`, \`fsync=${r.postgres.fsync}\`: each store acknowledges an append once its commit is flushed), in a database made and dropped per writer count:

${appendTable(r.pgPeer)}

${r.pgPeerInstalled ? `Ratio to the peer: ${postgresRatios.best}; ${postgresRatios.at(1)} with 1 writer each; ${postgresRatios.at(16)} with 16 writers each.` : 'The PostgreSQL peer is not installed here (`npm run bench` installs it into bench/peer-postgresql/).'}`
    : 'PostgreSQL did not answer (`LEDGER_BENCH_POSTGRES_URL`, default 127.0.0.1:5432): the PostgreSQL store and its peer were not measured in this run.'
}
${end}`;
  if (doc.includes(begin)) return doc.slice(0, doc.indexOf(begin)) + section + doc.slice(doc.indexOf(end) + end.length);
  return `${doc.trimEnd()}\n\n${section}\n`;
};
