import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KEYS } from '../support/ledger-app';
import { BUILT_MAIN, LedgerProcess } from '../support/ledger-process';

export interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** One ledger instance (a process of its own) on the shared PostgreSQL store, with its own data directory for its read models. */
export class Instance {
  private constructor(
    readonly name: string,
    readonly process: LedgerProcess,
  ) {}

  static async start(name: string, url: string, schema: string, env: Record<string, string> = {}, main = BUILT_MAIN): Promise<Instance> {
    const dataDir = mkdtempSync(join(tmpdir(), `ledger-${name}-`));
    const proc = await LedgerProcess.start(
      dataDir,
      { LEDGER_STORE: 'postgres', LEDGER_POSTGRES_URL: url, LEDGER_POSTGRES_SCHEMA: schema, LEDGER_LOG_LEVEL: 'warn', ...env },
      main,
    );
    return new Instance(name, proc);
  }

  async send(method: 'GET' | 'POST', role: keyof typeof KEYS, path: string, body?: object, headers: Record<string, string> = {}): Promise<Answer> {
    const res = await fetch(`${this.process.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${KEYS[role]}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(60_000),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  post(role: keyof typeof KEYS, path: string, body: object, headers: Record<string, string> = {}): Promise<Answer> {
    return this.send('POST', role, path, body, headers);
  }

  get(role: keyof typeof KEYS, path: string): Promise<Answer> {
    return this.send('GET', role, path);
  }

  /** Stops the instance as an orchestrator would (SIGTERM), or kills it (SIGKILL: no shutdown at all). */
  stop(signal: NodeJS.Signals = 'SIGTERM') {
    return this.process.kill(signal);
  }
}

/** Waits until `check` holds, asking again every 50 ms; fails with `what` after `ms`. */
export const eventually = async (what: string, check: () => Promise<boolean>, ms = 30_000): Promise<void> => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
};
