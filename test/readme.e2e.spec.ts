import { execFile } from 'node:child_process';
import { testStoreEnv } from './support/test-store';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrap } from '../src/main';

/** The README's walk through the API, as a newcomer runs it: its one `sh` block of requests. */
const walkthrough = (): string => {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Asking the ledger'));
  const block = [...section.matchAll(/```sh\n([^]*?)```/g)].map((m) => m[1]).find((b) => b.includes('KEY()'));
  if (!block) throw new Error('the README has no walk-through block (```sh with KEY()) under "Asking the ledger"');
  return block;
};

describe('the README', () => {
  it('walks through the API on today’s date with every answer’s status as shown', async () => {
    const block = walkthrough();
    const expected = [...block.matchAll(/^# → (\d{3})\b/gm)].map((m) => Number(m[1]));
    const requests = block.split('\n').filter((l) => /^curl\s/.test(l)).length;
    expect(expected.length).toBe(requests);

    // A fresh ledger as `npm start` makes it: keys generated into ./data, the clock as it is.
    const cwd = mkdtempSync(join(tmpdir(), 'ledger-readme-'));
    // In the e2e-postgres project the walkthrough runs on PostgreSQL, as `LEDGER_STORE=postgres npm start` serves it.
    const env = {
      LEDGER_DATA_DIR: join(cwd, 'data'),
      PORT: '0',
      LEDGER_CHECKPOINT_MINUTES: '0',
      LEDGER_EXPIRY_MINUTES: '0',
      ...testStoreEnv(join(cwd, 'data')),
    };
    const app = await bootstrap(env, false);
    try {
      const { port } = app.getHttpServer().address() as AddressInfo;
      // Each request prints its status instead of its body; everything else runs as written.
      const prelude = `set -u\ncurl() { command curl -o /dev/null -w '%{http_code}\\n' "$@"; }\n`;
      // Not execFileSync: the ledger answers from this very process, which must not block.
      const { stdout: out } = await promisify(execFile)('bash', ['-c', prelude + block], {
        cwd,
        env: { PATH: process.env.PATH, L: `http://127.0.0.1:${port}` },
        encoding: 'utf8',
      });
      expect(out.trim().split('\n').map(Number)).toEqual(expected);
    } finally {
      await app.close();
      rmSync(cwd, { recursive: true, force: true });
    }
  }, 120_000);
});
