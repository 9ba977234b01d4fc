import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { KEYS, type LedgerApp, TestClock, startLedger } from './support/ledger-app';
import type { Role } from '../src/auth/roles';

/** The clock as it is: the document's examples must hold on any date, so they are sent today. */
class WallClock extends TestClock {
  override now(): string {
    return new Date().toISOString();
  }
}

interface Op {
  readonly parameters?: { name: string; in: string; examples?: Record<string, { value: string }> }[];
  readonly requestBody?: { content: Record<string, { examples?: Record<string, { value: object }> }> };
  readonly responses: Record<string, { content?: Record<string, { examples?: Record<string, { value?: { error?: string } }> }> }>;
  readonly summary?: string;
  readonly 'x-roles'?: Role[];
}

interface Example {
  readonly name: string;
  readonly method: string;
  readonly url: string;
  readonly role: Role | undefined;
  readonly body: object | undefined;
  readonly status: number;
  readonly error: string | undefined;
}

/** Every named example of the document: request from the body and parameters, status from the response that holds it. */
const examplesOf = (doc: { paths: Record<string, Record<string, Op>> }): Example[] =>
  Object.entries(doc.paths)
    .flatMap(([path, ops]) =>
      Object.entries(ops).flatMap(([method, op]) =>
        Object.entries(op.responses).flatMap(([status, r]) =>
          Object.entries(Object.values(r.content ?? {})[0]?.examples ?? {}).map(([name, ex]): Example => {
            const params = op.parameters ?? [];
            const value = (p: (typeof params)[number]) => p.examples?.[name]?.value;
            const url =
              path.replace(/\{(\w+)\}/g, (_, n: string) => encodeURIComponent(String(value(params.find((p) => p.in === 'path' && p.name === n)!)))) +
              (params.some((p) => p.in === 'query' && value(p) !== undefined)
                ? `?${new URLSearchParams(params.filter((p) => p.in === 'query' && value(p) !== undefined).map((p): [string, string] => [p.name, String(value(p))]))}`
                : '');
            return {
              name,
              method,
              url,
              role: op['x-roles']?.[0],
              body: op.requestBody && Object.values(op.requestBody.content)[0]?.examples?.[name]?.value,
              status: Number(status),
              error: ex.value?.error,
            };
          }),
        ),
      ),
    )
    .sort((a, b) => a.name.localeCompare(b.name));

describe('the OpenAPI document', () => {
  let ledger: LedgerApp;
  let doc: { paths: Record<string, Record<string, Op>> };
  beforeAll(async () => {
    ledger = await startLedger(undefined, new WallClock());
    doc = (await request(ledger.app.getHttpServer()).get('/docs-json').expect(200)).body;
  });
  afterAll(() => ledger.close());

  it('lints with no error under Redocly’s recommended rules', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      writeFileSync(file, JSON.stringify(doc));
      let out: string;
      try {
        out = execFileSync(process.execPath, [require.resolve('@redocly/cli/bin/cli.js'), 'lint', file, '--format=json', '--extends=recommended'], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        });
      } catch (e) {
        out = (e as { stdout: string }).stdout;
      }
      const report = JSON.parse(out) as {
        totals: { errors: number; warnings: number };
        problems: { ruleId: string; message: string; severity: string; location: { pointer: string }[] }[];
      };
      const errors = report.problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`);
      expect(errors).toEqual([]);
      expect(report.totals.errors).toBe(0);
      // Every example is valid against its schema too (those are warnings to Redocly).
      expect(report.problems.filter((p) => p.ruleId.startsWith('no-invalid')).map((p) => `${p.message} at ${p.location[0]?.pointer}`)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the role(s) of every route, the error shape of every refusal, and the Idempotency-Key of every command', () => {
    for (const [path, ops] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(ops)) {
        const route = `${method.toUpperCase()} ${path}`;
        expect([route, typeof op.summary]).toEqual([route, 'string']);
        expect([route, Array.isArray(op['x-roles'])]).toEqual([route, true]);
        for (const [status, r] of Object.entries(op.responses))
          if (Number(status) >= 400) expect([route, status, JSON.stringify(r)]).toEqual([route, status, expect.stringContaining('#/components/schemas/Error')]);
        const commands = ['registrar'];
        if (method === 'post' && commands.some((role) => op['x-roles']?.includes(role as Role)) && path !== '/consent-checks')
          expect([route, (op.parameters ?? []).some((p) => p.name === 'Idempotency-Key' && p.in === 'header')]).toEqual([route, true]);
      }
  });

  it('has distinct examples, and a fresh ledger answers each with its documented status', async () => {
    const examples = examplesOf(doc);
    expect(examples.length).toBeGreaterThan(30);
    expect(new Set(examples.map((e) => e.name)).size).toBe(examples.length);
    const bodies = examples.filter((e) => e.body).map((e) => JSON.stringify(e.body));
    expect(new Set(bodies).size).toBe(bodies.length);
    const server = ledger.app.getHttpServer();
    for (const e of examples) {
      let req = e.method === 'get' ? request(server).get(e.url) : request(server).post(e.url);
      if (e.role) req = req.set('Authorization', `Bearer ${KEYS[e.role]}`);
      const res = await (e.body ? req.send(e.body) : req);
      expect([e.name, e.method, e.url, res.status, e.error ? res.body.error : undefined]).toEqual([e.name, e.method, e.url, e.status, e.error]);
    }
  });
});
