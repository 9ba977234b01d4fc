import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './paths';

/** A ledger started as a user starts it (`npm start`'s `node dist/src/main.js`), in a process of its own. */
export interface LedgerProcess {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Its data directory, fresh and temporary; its standard output (the JSON log) is `ledger.log` there. */
  readonly dataDir: string;
  /** Stops it (SIGTERM, as a service manager would) and waits for it to exit; `keep` leaves the data directory. */
  stop(keep?: boolean): Promise<void>;
  /** Sends the process a signal (the CPU profile preload listens for SIGWINCH). */
  signal(signal: NodeJS.Signals): void;
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));

/**
 * Starts `node dist/src/main.js` on a port of its own and a fresh temporary data directory, with one
 * registrar key given through `LEDGER_API_KEYS` (README, Configuration), at the default log level;
 * answers once GET /health answers 200.
 * @param nodeArgs flags for node itself (e.g. `--cpu-prof`, `--cpu-prof-dir=…`)
 * @throws Error when the process exits or /health does not answer 200 within 60 s
 */
export const startLedger = async (key: string, nodeArgs: readonly string[] = [], env: NodeJS.ProcessEnv = {}): Promise<LedgerProcess> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-bench-http-'));
  const port = await freePort();
  const log = openSync(join(dataDir, 'ledger.log'), 'a');
  const child = spawn(process.execPath, [...nodeArgs, join(ROOT, 'dist', 'src', 'main.js')], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), LEDGER_HOST: '127.0.0.1', LEDGER_DATA_DIR: dataDir, LEDGER_API_KEYS: `${key}:registrar`, ...env },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const url = `http://127.0.0.1:${port}`;
  const stop = async (keep = false) => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited(child);
    if (!keep) rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const status = await fetch(`${url}/health`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return { url, dataDir, stop, signal: (sig) => void child.kill(sig) };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop(true);
  throw new Error(`the ledger did not answer /health on ${url} (its log: ${join(dataDir, 'ledger.log')})`);
};
