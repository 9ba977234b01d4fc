import type Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';

/**
 * Seldom, on purpose: a page that many commits changed is copied back once per checkpoint, and the
 * checkpoint's own writes and fsync compete with the fsync every acknowledgement waits for. At
 * 1.5 M events, every 250 ms put that fsync at 19 ms (p90); every 5 s, at 3 ms.
 */
const EVERY_MS = 5000;

/**
 * The worker's whole program. Plain JavaScript, so that it runs the same from the build and from
 * the TypeScript tests; the driver's path comes from the main thread so that it resolves anywhere.
 */
const PROGRAM = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = NORMAL');
const checkpoint = () => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (e) { parentPort.postMessage(String(e && e.message)); }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', () => { clearInterval(timer); checkpoint(); db.close(); parentPort.close(); });
`;

/**
 * Moves a SQLite file's WAL checkpoints off the event loop. Left to SQLite, a checkpoint runs
 * inside whichever commit crosses the WAL's threshold — copying pages back into the database with
 * two fsyncs on the one JavaScript thread, while every command waits. Here the writer's connection
 * never checkpoints; a thread of its own does it with a connection of its own, PASSIVE so that it
 * never blocks a writer. The WAL restarts from its beginning once a checkpoint has caught up.
 */
export class WalCheckpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;

  constructor(db: Database.Database, onError: (message: string) => void = () => undefined) {
    db.pragma('wal_autocheckpoint = 0');
    this.worker = new Worker(PROGRAM, { eval: true, workerData: { driver: require.resolve('better-sqlite3'), file: db.name, everyMs: EVERY_MS } });
    this.worker.on('message', onError);
    this.worker.on('error', (e) => onError(e.message));
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
