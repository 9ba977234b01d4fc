import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RecordedEvent } from '../ledger/domain/recorded-event';
import { type FoldReply, type FoldRequest, type ProjectionSource, fromWire } from './fold-messages';
import { SOURCE_LOADER } from './source-loader';

/** What one batch did: the position every projection named reached, and the keys written per projection. */
export interface Folded {
  /** Null when nothing was written (a held batch, a flush with nothing held). */
  readonly position: string | null;
  readonly written: readonly (readonly [string, readonly string[]])[];
}

interface Pending {
  resolve(folded: Folded): void;
  reject(error: unknown): void;
}

/**
 * The main thread's handle on the fold thread (projection-worker.ts): posts batches, answers what
 * each did. From the build the thread runs the compiled `.js`; from the sources (the tests) it runs
 * the `.ts` through SOURCE_LOADER. A thread that ended (crashed) is started again at the next batch.
 */
export class FoldThread {
  private worker!: Worker;
  private exited!: Promise<void>;
  private alive = false;
  private next = 0;
  private readonly pending = new Map<number, Pending>();

  private constructor(
    private readonly file: string,
    private readonly source: ProjectionSource,
  ) {}

  /**
   * Starts the thread on `file` (read-models.db, made by the main thread's DocStore first).
   * @throws what the thread met opening the file or loading the projections.
   */
  static async start(file: string, source: ProjectionSource): Promise<FoldThread> {
    const thread = new FoldThread(file, source);
    await thread.spawn();
    return thread;
  }

  private spawn(): Promise<void> {
    const entry = join(__dirname, `projection-worker${__filename.endsWith('.ts') ? '.ts' : '.js'}`);
    const workerData = { file: this.file, source: this.source, entry, typescript: entry.endsWith('.ts') ? require.resolve('typescript') : null };
    this.worker = entry.endsWith('.ts') ? new Worker(SOURCE_LOADER, { eval: true, workerData }) : new Worker(entry, { workerData });
    this.alive = true;
    const worker = this.worker;
    return new Promise<void>((ready, failed) => {
      worker.on('message', (m: FoldReply) => {
        if (m.kind === 'ready') return (worker.unref(), ready());
        if (m.kind === 'opening-failed') return failed(fromWire(m.error));
        const waiting = this.pending.get(m.id);
        this.pending.delete(m.id);
        if (this.pending.size === 0) worker.unref();
        if (m.kind === 'folded') waiting?.resolve({ position: m.position, written: m.written });
        else waiting?.reject(fromWire(m.error));
      });
      worker.on('error', (e) => (failed(e), this.failAll(e)));
      this.exited = new Promise((resolve) =>
        worker.once('exit', (code) => {
          this.alive = false;
          failed(new Error(`the fold thread ended (exit code ${code}) before it was ready`));
          this.failAll(new Error(`the fold thread ended (exit code ${code})`));
          resolve();
        }),
      );
    });
  }

  private failAll(error: unknown): void {
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }

  /**
   * Folds `events` into the projections named and commits their documents and checkpoints in one
   * transaction, in the thread. With `hold` (a catch-up), the thread keeps the documents instead
   * and writes them at `flush()` or once it holds too many: a document many batches touch is then
   * written once, not once per batch.
   * @throws DomainError STORE.DISK_FULL when the disk is full; any other failure of the fold or the
   *   commit as an Error with its `code` (SQLITE_…); nothing of the batch is committed then.
   */
  fold(projections: readonly string[], events: readonly RecordedEvent[], hold = false): Promise<Folded> {
    return this.ask({ kind: 'fold', id: this.next++, projections, events, hold });
  }

  /** Writes what the thread holds, with the checkpoints it reached. @throws as `fold`. */
  flush(): Promise<Folded> {
    return this.ask({ kind: 'flush', id: this.next++ });
  }

  private async ask(request: Extract<FoldRequest, { id: number }>): Promise<Folded> {
    if (!this.alive) await this.spawn();
    return new Promise<Folded>((resolve, reject) => {
      this.pending.set(request.id, { resolve, reject });
      // Held while a batch is out, or a process whose last task is this fold would exit first.
      this.worker.ref();
      this.worker.postMessage(request);
    });
  }

  /** Lets the batch in hand finish, closes the thread's connection, and waits for the thread to end. */
  async close(): Promise<void> {
    if (!this.alive) return;
    this.worker.ref();
    this.worker.postMessage({ kind: 'close' } satisfies FoldRequest);
    await this.exited;
  }
}
