import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { DocStore } from '../src/read-models/doc-store';
import { historyInto } from './kept-history';
import type { Loaded } from './load';
import { measureQueries } from './queries';

/**
 * `node dist/bench/queries-only.js DIR EVENTS [load|rebuild|queries] [SAMPLES]`: the read side
 * alone, to iterate on it: loads the history into DIR (once: `load`), rebuilds the read models in a child,
 * or measures the queries on what DIR holds (one process per run, so runs can be alternated).
 */
const main = async () => {
  const [dir, events, step = 'queries', samples = '5000'] = process.argv.slice(2);
  const log = (l: string) => process.stderr.write(`${l}\n`);
  if (step === 'load') return log(JSON.stringify(await historyInto(dir, Number(events), log)));
  const loaded = JSON.parse(readFileSync(join(dir, 'loaded.json'), 'utf8')) as Loaded;
  if (step === 'rebuild') {
    const out = execFileSync(process.execPath, [join(__dirname, 'rebuild-child.js'), dir], { encoding: 'utf8', maxBuffer: 1 << 26 });
    return process.stdout.write(`${JSON.stringify({ ...JSON.parse(out), load: loadavg()[0] })}\n`);
  }
  const docs = new DocStore(join(dir, 'read-models.db'));
  const q = measureQueries(docs, loaded.pupils, Number(samples));
  await docs.close();
  const f = (l: { p50: number; p99: number }) => `${l.p50.toFixed(3)}/${l.p99.toFixed(3)}`;
  process.stdout.write(`asOf ${f(q.asOf)} classCheck ${f(q.classCheck)} accessByPupil ${f(q.accessByPupil)} load ${loadavg()[0].toFixed(2)}\n`);
};

void main();
