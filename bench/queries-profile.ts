import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { consentCheck, consentsAsOf } from '../projections/consents.view';
import { DocStore } from '../src/read-models/doc-store';
import { DEFAULT_CATALOGUE } from '../src/ledger/domain/purposes';
import { type PupilConsents as Doc, pupilConsentsProjection as projection } from '../projections/pupil-consents.projection';
import { pupilIdOf } from './history';
import type { Loaded } from './load';
import { Prng } from './prng';
import { percentile } from './stats';

/**
 * `node dist/bench/queries-profile.js DIR [cached|uncached] [SAMPLES]`: where the time of the
 * as-of query and the class check goes, sample by sample: the SQLite read, JSON.parse, the
 * judgement (of the document the consent queries read), garbage collection, and the time the process was not on a core (wall − CPU).
 * `uncached` parses every document it reads (as at 15 M events, where the LRU rarely holds the
 * pupil asked); `cached` keeps every parsed document (as at 150 k, where it holds them all);
 * `docstore` reads through the ledger's DocStore and its LRU of parsed documents, as the queries do
 * (its SQLite read and parse then count as `sql`); `read` through DocStore.read, which keeps nothing.
 */
const main = () => {
  const [dir, mode = 'uncached', n = '5000'] = process.argv.slice(2);
  const loaded = JSON.parse(readFileSync(join(dir, 'loaded.json'), 'utf8')) as Loaded;
  const db = new Database(join(dir, 'read-models.db'), { readonly: true });
  const get = db.prepare<[string, string], { doc: string }>('SELECT doc FROM docs WHERE projection = ? AND key = ?');
  const gcs: { start: number; end: number }[] = [];
  new PerformanceObserver((l) => l.getEntries().forEach((e) => gcs.push({ start: e.startTime, end: e.startTime + e.duration }))).observe({
    entryTypes: ['gc'],
  });
  const cache = new Map<string, Doc>();
  const phase = { sql: 0, parse: 0, judge: 0 };
  const store = mode === 'docstore' || mode === 'read' ? new DocStore(join(dir, 'read-models.db'), { checkpointer: false }) : null;
  const read = (id: string): Doc | undefined => {
    if (store) {
      const t = performance.now();
      const doc = mode === 'read' ? store.read<Doc>(projection.name, id) : store.get<Doc>(projection.name, id);
      phase.sql += performance.now() - t;
      return doc;
    }
    if (mode === 'cached' && cache.has(id)) return cache.get(id);
    let t = performance.now();
    const row = get.get(projection.name, id);
    phase.sql += performance.now() - t;
    t = performance.now();
    const doc = row && (JSON.parse(row.doc) as Doc);
    phase.parse += performance.now() - t;
    if (doc && mode === 'cached') cache.set(id, doc);
    return doc;
  };
  const judged = (f: () => void) => {
    const t = performance.now();
    f();
    phase.judge += performance.now() - t;
  };
  const prng = new Prng(42);
  const at = () => new Date(Date.UTC(2025, 8, 1) + prng.int(0, 300) * 86_400_000).toISOString();
  type Sample = { start: number; wall: number; cpu: number; sql: number; parse: number; judge: number; gc: number };
  const run = (label: string, once: () => void) => {
    const samples: Sample[] = [];
    for (let i = 0; i < Number(n); i++) {
      Object.assign(phase, { sql: 0, parse: 0, judge: 0 });
      const cpu = process.cpuUsage();
      const start = performance.now();
      once();
      const wall = performance.now() - start;
      const used = process.cpuUsage(cpu);
      samples.push({ start, wall, cpu: (used.user + used.system) / 1000, ...phase, gc: 0 });
    }
    return () => {
      for (const s of samples) for (const g of gcs) s.gc += Math.max(0, Math.min(g.end, s.start + s.wall) - Math.max(g.start, s.start));
      const p = (k: keyof Sample, q: number) =>
        percentile(
          samples.map((s) => s[k]),
          q,
        ).toFixed(3);
      const slow = [...samples].sort((a, b) => b.wall - a.wall).slice(0, Math.ceil(samples.length / 100));
      const mean = (k: keyof Sample) => (slow.reduce((x, s) => x + s[k], 0) / slow.length).toFixed(3);
      return (
        `${label}: wall p50/p99 ${p('wall', 50)}/${p('wall', 99)} cpu p50/p99 ${p('cpu', 50)}/${p('cpu', 99)} | sql ${p('sql', 50)}/${p('sql', 99)} parse ${p('parse', 50)}/${p('parse', 99)} judge ${p('judge', 50)}/${p('judge', 99)}` +
        ` | slowest 1%: wall ${mean('wall')} cpu ${mean('cpu')} sql ${mean('sql')} parse ${mean('parse')} judge ${mean('judge')} gc ${mean('gc')}`
      );
    };
  };
  const somePupil = () => pupilIdOf(prng.int(0, loaded.pupils - 1));
  const asOf = run('asOf', () => {
    const p = read(somePupil());
    if (p) judged(() => consentsAsOf(p, DEFAULT_CATALOGUE, { at: at(), knownAt: at() }));
  });
  const classCheck = run('classCheck', () => {
    const first = prng.int(0, Math.max(0, loaded.pupils - 30));
    const t = at();
    for (let i = first; i < first + 28; i++) {
      const p = read(pupilIdOf(i));
      judged(() => consentCheck(pupilIdOf(i), p, 'photo-website', t));
    }
  });
  setTimeout(() => {
    process.stdout.write(
      `${mode} ${loaded.events} events, heap ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MiB, gc ${gcs.length}× ${Math.round(gcs.reduce((n, g) => n + g.end - g.start, 0))} ms, load ${loadavg()[0].toFixed(2)}\n  ${asOf()}\n  ${classCheck()}\n`,
    );
    db.close();
    void store?.close();
  }, 100);
};

main();
