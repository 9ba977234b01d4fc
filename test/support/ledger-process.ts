import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { KEYS } from './ledger-app';

/** A request unanswered this long is taken as hung (it fails the test with a reason instead of hanging it). */
const HANG_MS = 60_000;

/** Where test/process/global-setup.js builds the ledger. */
export const BUILT_MAIN = join(__dirname, '..', '..', '.tmp', 'process-build', 'src', 'main.js');

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
  readonly stdout: string;
}

/** The built ledger (`node dist/src/main.js`) as a child process on a data directory, as it runs in production. */
export class LedgerProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    readonly exited: Promise<Exit>,
  ) {}

  /** Starts the ledger and waits until it answers /health; rejects with its output if it exits first. */
  static async start(dataDir: string, env: Record<string, string> = {}, main = BUILT_MAIN): Promise<LedgerProcess> {
    const port = String(await freePort());
    const { child, exited } = LedgerProcess.spawn(dataDir, port, env, main);
    const ledger = new LedgerProcess(child, `http://127.0.0.1:${port}`, exited);
    let gone: Exit | undefined;
    void exited.then((e) => (gone = e));
    for (;;) {
      if (gone) throw new Error(`the ledger exited (code ${gone.code}, signal ${gone.signal}) before it answered:\n${gone.stderr}${gone.stdout}`);
      try {
        await fetch(`${ledger.url}/health`, { signal: AbortSignal.timeout(HANG_MS) });
        return ledger;
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }

  /** Runs the ledger until it exits by itself (a start that fails): its exit and output. */
  static run(dataDir: string, env: Record<string, string> = {}): Promise<Exit> {
    return LedgerProcess.spawn(dataDir, '0', env).exited;
  }

  private static spawn(dataDir: string, port: string, env: Record<string, string>, main = BUILT_MAIN) {
    const child = spawn(process.execPath, [main], {
      env: {
        PATH: process.env.PATH,
        PORT: port,
        LEDGER_DATA_DIR: dataDir,
        LEDGER_API_KEYS: Object.entries(KEYS)
          .map(([role, key]) => `${key}:${role}`)
          .join(','),
        LEDGER_CHECKPOINT_MINUTES: '0',
        LEDGER_EXPIRY_MINUTES: '0',
        NO_COLOR: '1',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, stderr, stdout })));
    return { child, exited };
  }

  /** The process id, as the ledger names the holder of a data directory. */
  get pid(): number {
    return this.child.pid!;
  }

  kill(signal: NodeJS.Signals): Promise<Exit> {
    this.child.kill(signal);
    return this.exited;
  }

  /** Sends `body` as `role` and answers the status and the parsed body; a dropped connection rejects. */
  async post(role: keyof typeof KEYS, path: string, body: object): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`${this.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEYS[role]}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(HANG_MS),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  async get(role: keyof typeof KEYS, path: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`${this.url}${path}`, { headers: { authorization: `Bearer ${KEYS[role]}` }, signal: AbortSignal.timeout(HANG_MS) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }
}
