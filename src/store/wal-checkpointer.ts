import type Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';

/**
 * Passive checkpoints seldom, on purpose: a page that many commits changed is copied back once per
 * checkpoint, and the checkpoint's own writes and fsync compete with the fsync every
 * acknowledgement waits for. At 1.5 M events, every 250 ms put that fsync at 19 ms (p90); every
 * 5 s, at 3 ms.
 */
const PASSIVE_EVERY_MS = 5000;
/**
 * A passive checkpoint never restarts the WAL while a writer keeps writing: under a steady load
 * the file only grows (a 15 M-event load grew it to 70 GB). Past this size the thread holds the
 * writer off for a moment (TRUNCATE): all of the WAL goes back into the database, and the file
 * starts again from empty.
 */
const TRUNCATE_ABOVE_BYTES = 64 * 2 ** 20;
const LOOK_EVERY_MS = 1000;

/**
 * The worker's whole program. Plain JavaScript, so that it runs the same from the build and from
 * the TypeScript tests; the driver's path comes from the main thread so that it resolves anywhere.
 */
const PROGRAM = `
const { workerData, parentPort } = require('node:worker_threads');
const { statSync } = require('node:fs');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = NORMAL');
const checkpoint = (mode) => {
  try { db.pragma('wal_checkpoint(' + mode + ')'); } catch (e) { parentPort.postMessage(String(e && e.message)); }
};
// TRUNCATE holds new writers off while it waits and while it copies: it first lets a passive
// checkpoint copy what it can without blocking anyone, and it waits for the lock only briefly,
// trying again a second later rather than stalling the writer.
const truncate = () => {
  checkpoint('PASSIVE');
  db.pragma('busy_timeout = 50');
  try { db.pragma('wal_checkpoint(TRUNCATE)'); } catch (e) { if (e.code !== 'SQLITE_BUSY') parentPort.postMessage(String(e && e.message)); }
  db.pragma('busy_timeout = 5000');
};
const walBytes = () => { try { return statSync(workerData.file + '-wal').size; } catch { return 0; } };
let looked = 0;
const look = () => {
  looked += workerData.lookMs;
  if (walBytes() > workerData.truncateAbove) truncate();
  else if (looked % workerData.passiveMs === 0) checkpoint('PASSIVE');
};
const timer = setInterval(look, workerData.lookMs);
parentPort.on('message', () => { clearInterval(timer); checkpoint('PASSIVE'); db.close(); parentPort.close(); });
`;

/**
 * Moves a SQLite file's WAL checkpoints off the event loop. Left to SQLite, a checkpoint runs
 * inside whichever commit crosses the WAL's threshold — copying pages back into the database with
 * two fsyncs on the one JavaScript thread, while every command waits. Here the writer's connection
 * never checkpoints; a thread of its own does it with a connection of its own: PASSIVE, which never
 * blocks a writer, and past a size TRUNCATE, which holds writers off briefly so the WAL can restart.
 * A failed checkpoint becomes a process warning, so that a WAL that keeps growing is seen.
 */
export class WalCheckpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;

  constructor(
    db: Database.Database,
    onError: (message: string) => void = (m) => process.emitWarning(`WAL checkpoint of ${db.name} failed: ${m}`),
    { truncateAbove = TRUNCATE_ABOVE_BYTES, lookMs = LOOK_EVERY_MS }: { readonly truncateAbove?: number; readonly lookMs?: number } = {},
  ) {
    db.pragma('wal_autocheckpoint = 0');
    this.worker = new Worker(PROGRAM, {
      eval: true,
      workerData: {
        driver: require.resolve('better-sqlite3'),
        file: db.name,
        lookMs,
        passiveMs: Math.max(lookMs, Math.round(PASSIVE_EVERY_MS / lookMs) * lookMs),
        truncateAbove,
      },
    });
    this.worker.on('message', onError);
    // A SqliteError thrown in the thread arrives as a plain object with its code only.
    this.worker.on('error', (e: { message?: string; code?: string }) => onError(e.message ?? e.code ?? 'the checkpoint thread failed'));
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    // A checkpoint thread must never keep the process alive on its own.
    this.worker.unref();
  }

  /** One last checkpoint, then the thread ends; the caller closes its own connection after this. */
  async close(): Promise<void> {
    // Held by the loop while it finishes, or a process whose last task is this close would exit first.
    this.worker.ref();
    this.worker.postMessage('close');
    await this.exited;
  }
}
