import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { LEDGER_PROJECTIONS } from '../src/read-models/ledger-projections';
import { DocStore } from '../src/read-models/doc-store';
import { ProjectionRunner } from '../src/read-models/projection-runner';
import { SqliteEventStore } from '../src/store/sqlite-event-store';
import { peakRss } from './stats';

/** Rebuilds every projection from zero in a process of its own, so its memory is its own. */
const main = async () => {
  const dir = process.argv[2];
  const file = join(dir, 'read-models.db');
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(file + suffix)) rmSync(file + suffix);
  const store = new SqliteEventStore(join(dir, 'events.db'));
  const docs = new DocStore(file);
  const runner = new ProjectionRunner(store, docs, LEDGER_PROJECTIONS);
  const started = process.hrtime.bigint();
  const { peak } = await peakRss(() => runner.onModuleInit());
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await runner.onApplicationShutdown();
  const events = (await store.readAll(null, 1)).length ? Number(await store.head()) : 0;
  await store.close();
  await docs.close();
  process.stdout.write(JSON.stringify({ events, seconds, peakRss: peak, perSecond: events / seconds }));
};

void main();
