import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { cpus, totalmem } from 'node:os';
import { mkdtempSync, readFileSync, rmSync, statSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { pupilsProjection } from '../projections/pupils.projection';
import { DocStore } from '../src/read-models/doc-store';
import { SqliteEventStore } from '../src/store/sqlite-event-store';
import { type Throughput, measureCommandBus } from './commands';
import { pupilIdOf } from './history';
import type { Loaded } from './load';
import { type KeptLoad, historyInto } from './kept-history';
import { type AppendRate, comparePeer, peerInstalled } from './peer';
import { comparePostgresPeer, postgresPeerInstalled, postgresServer } from './postgres-peer';
import { measureHttpProcess } from './http-process';
import { measureQueries } from './queries';
import { COMPILED, ROOT } from './paths';
import { renderSection } from './report';
import { BENCH_KEY, enrolledPupils, startBenchLedger } from './bench-ledger';

export interface BenchOptions {
  readonly events: number;
  readonly label: string;
  readonly seconds: number;
  readonly querySamples: number;
  readonly peerPupils: number;
  readonly log: (line: string) => void;
  /** A data directory loaded and rebuilt by an earlier run of this scale: measure on it, skip both. */
  readonly reuse?: string;
  /** Where the loaded history of this scale is kept between runs (loaded once, copied after). */
  readonly history?: string;
}

interface Rebuild {
  readonly events: number;
  readonly seconds: number;
  readonly peakRss: number;
  readonly perSecond: number;
}

/** How many pupils a loaded store holds: the generator numbers them from 0, so search for the end. */
const countPupils = async (docs: DocStore): Promise<number> => {
  let [low, high] = [0, 1];
  while (docs.get(pupilsProjection.name, pupilIdOf(high))) high *= 2;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (docs.get(pupilsProjection.name, pupilIdOf(mid))) low = mid + 1;
    else high = mid;
  }
  await docs.close();
  return low;
};
const compiled = (file: string) => join(COMPILED, file);

/** A child process, awaited: the ledger in this process must keep serving while the child runs. */
const node = async (script: string, arg: string) =>
  JSON.parse((await promisify(execFile)(process.execPath, [compiled(script), arg], { encoding: 'utf8', maxBuffer: 1 << 26 })).stdout);

/** One full run at one scale: every figure of BENCHMARKS.md, measured in this process and two children. */
export const runBench = async (o: BenchOptions) => {
  const dir = o.reuse ?? mkdtempSync(join(tmpdir(), `ledger-bench-${o.label}-`));
  let loaded: Loaded & Partial<KeptLoad>;
  let rebuild: Rebuild | null = null;
  if (o.reuse) {
    o.log(`[${o.label}] measuring on the store and read models already in ${dir}`);
    const store = new SqliteEventStore(join(dir, 'events.db'));
    const events = Number(await store.head());
    await store.close();
    loaded = { events, pupils: await countPupils(new DocStore(join(dir, 'read-models.db'))), seconds: NaN };
  } else {
    loaded = await historyInto(dir, o.events, (l) => o.log(`[${o.label}] ${l}`), o.history);
    o.log(`[${o.label}] rebuilding every projection from zero`);
    rebuild = (await node('rebuild-child.js', dir)) as Rebuild;
  }
  const size = ['events.db', 'events.db-wal']
    .map((f) => join(dir, f))
    .filter(existsSync)
    .reduce((n, f) => n + statSync(f).size, 0);

  o.log(`[${o.label}] queries`);
  const docs = new DocStore(join(dir, 'read-models.db'));
  const queries = measureQueries(docs, loaded.pupils, o.querySamples);
  const enrolled = enrolledPupils(docs, loaded.pupils);
  await docs.close();

  o.log(`[${o.label}] commands through the command bus and through HTTP`);
  const app = await startBenchLedger(dir);
  const bus: Throughput[] = [];
  for (const writers of [1, 16, 64]) bus.push(await measureCommandBus(app, enrolled, writers, o.seconds));
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const http: Throughput[] = [];
  for (const connections of [1, 16, 64])
    http.push({
      writers: connections,
      ...(await node('http-load-child.js', JSON.stringify({ url, key: BENCH_KEY, pupilIds: enrolled.slice(0, 2_000), connections, seconds: o.seconds }))),
    });
  await app.close();
  o.log(`[${o.label}] commands over HTTP to \`node dist/src/main.js\` on a fresh data directory: enrol + 5 consents, and 100 consents on one pupil`);
  const httpProcess = await measureHttpProcess(o.seconds);

  o.log(`[${o.label}] the peer, appending the same events`);
  // With 16 writers the peer mostly waits on SQLITE_BUSY; a few hundred of its streams show that as
  // well as thousands, while the ledger's store appends them all.
  const peer = [
    ...(await comparePeer({ seed: 2026, years: 1 }, o.peerPupils, 1)),
    ...(await comparePeer({ seed: 2026, years: 1 }, o.peerPupils, 16, Math.min(o.peerPupils, 300))),
  ];
  if (!o.reuse) rmSync(dir, { recursive: true, force: true });

  // The same workload on PostgreSQL, in a database of its own made and dropped per call; left out,
  // and said so in the report, where no PostgreSQL answers.
  const postgres = await postgresServer();
  const pgPeer: AppendRate[] = [];
  if (postgres) {
    o.log(`[${o.label}] PostgreSQL ${postgres.version}: the ledger's store and its peer, appending the same events`);
    for (const writers of [1, 16]) pgPeer.push(...(await comparePostgresPeer({ seed: 2026, years: 1 }, o.peerPupils, writers)));
  } else o.log(`[${o.label}] PostgreSQL does not answer: its comparison is left out`);
  return {
    label: o.label,
    loaded,
    bytesPerEvent: size / loaded.events,
    rebuild,
    queries,
    bus,
    http,
    httpProcess,
    peer,
    peerInstalled: peerInstalled(),
    postgres,
    pgPeer,
    pgPeerInstalled: postgresPeerInstalled(),
  };
};

export type BenchResult = Awaited<ReturnType<typeof runBench>>;

export const machine = () =>
  `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`;

const SCALES: Record<string, Omit<BenchOptions, 'log'>> = {
  quick: { events: 20_000, label: 'quick', seconds: 1, querySamples: 200, peerPupils: 100 },
  // A run that fits in a quarter of an hour on two shared cores, PostgreSQL comparison included.
  '150k': { events: 150_000, label: '150 k events', seconds: 10, querySamples: 5_000, peerPupils: 2_000 },
  '1.5m': { events: 1_500_000, label: '1.5 M events', seconds: 10, querySamples: 5_000, peerPupils: 2_000 },
  '15m': { events: 15_000_000, label: '15 M events', seconds: 10, querySamples: 5_000, peerPupils: 2_000 },
};

/** `npm run bench -- [quick|1.5m|15m ...]`: runs each scale and writes its section of BENCHMARKS.md. */
const main = async () => {
  const args = process.argv.slice(2);
  const reuseAt = args.indexOf('--reuse');
  const reuse = reuseAt >= 0 ? args.splice(reuseAt, 2)[1] : undefined;
  // `--history DIR`: each scale's loaded history kept in DIR/<scale>, loaded by the first run only.
  const historyAt = args.indexOf('--history');
  const history = historyAt >= 0 ? args.splice(historyAt, 2)[1] : undefined;
  // `--load-only`: make the kept history and stop (to load ahead of a measuring run).
  const loadOnly = args.includes('--load-only');
  const scales = args.filter((a) => !a.startsWith('-'));
  const file = join(ROOT, 'BENCHMARKS.md');
  for (const scale of scales.length ? scales : ['1.5m', '15m']) {
    const options = SCALES[scale];
    if (!options) throw new Error(`unknown scale ${scale}; one of ${Object.keys(SCALES).join(', ')}`);
    const log = (l: string) => process.stderr.write(`${l}\n`);
    const kept = history && join(history, scale);
    if (loadOnly) {
      if (!kept) throw new Error('--load-only needs --history DIR');
      if (!existsSync(join(kept, 'loaded.json'))) await historyInto(kept, options.events, log);
      continue;
    }
    const result = await runBench({ ...options, reuse, history: kept, log });
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    writeFileSync(file, renderSection(text, result, machine(), new Date().toISOString()));
    process.stderr.write(`[${result.label}] written to BENCHMARKS.md\n`);
  }
};

if (require.main === module)
  main().catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
    process.exit(1);
  });
