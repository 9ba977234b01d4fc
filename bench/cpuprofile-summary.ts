import { readFileSync } from 'node:fs';

/** The parts of a V8 `.cpuprofile` read here (Profiler.Profile of the inspector protocol). */
interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string };
  readonly children?: readonly number[];
}
export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  /** µs since the previous sample. */
  readonly timeDeltas: readonly number[];
  readonly startTime: number;
  readonly endTime: number;
}

/**
 * Where the main thread's time goes, by the part of the HTTP path that spent it. From a sample's
 * leaf towards the root, the first frame of a named part (PARTS) takes it: JSON.stringify inside
 * pino is logging, inside the store the append. Fastify's hooks and Nest's runners call each
 * hook, guard and pipe in turn from inside the one before (continuation passing), so the walk stops
 * at such a dispatching frame: what lies under it and in no part is the framework's own, named by
 * the frame nearest the leaf (FRAMEWORK).
 */
const PROFILER = 'the profiler itself';

type Rule = { readonly name: string; readonly frame: (url: string, fn: string) => boolean };

/** What V8 itself reports, each its own row. */
const VM: readonly Rule[] = [
  { name: 'garbage collection', frame: (_u, fn) => fn === '(garbage collector)' },
  { name: 'idle', frame: (_u, fn) => fn === '(idle)' },
  { name: 'V8/native, no JavaScript stack', frame: (_u, fn) => fn === '(program)' },
  // Starting and stopping the profile (bench/cpu-profile-preload.ts) is the bench's, not the ledger's.
  { name: PROFILER, frame: (u) => u.includes('cpu-profile-preload') || u === 'node:inspector' },
];

/** The parts of the HTTP path, named by the code that does the work. */
const PARTS: readonly Rule[] = [
  { name: 'request log (pino)', frame: (u) => /node_modules\/(pino|pino-http|nestjs-pino|sonic-boom|thread-stream)\/|\/src\/logging\//.test(u) },
  { name: 'request and command metrics (prom-client, the interceptor)', frame: (u) => /node_modules\/prom-client\/|\/src\/metrics\//.test(u) },
  {
    name: 'validation pipe (class-transformer + class-validator, body shape)',
    frame: (u) =>
      /node_modules\/(class-validator|class-transformer|validator|libphonenumber-js)\/|\/src\/http\/(validation|body-shape|dto-fields)\.js|rules\.js$/.test(u),
  },
  {
    name: 'transport hardening (json-body, duplicate keys, content type, encoding)',
    frame: (u) =>
      /\/src\/http\/(json-body|duplicate-keys|transport|transport-error|path-params)\.js|node_modules\/(@fastify\/compress|content-type|jsonc-parser)\//.test(
        u,
      ),
  },
  { name: 'security headers (helmet, cache-control)', frame: (u) => /\/src\/http\/(hardening|headers)\.js|node_modules\/(@fastify\/helmet|helmet)\//.test(u) },
  { name: 'pages: cookies, CSRF (run on every request)', frame: (u) => /node_modules\/(@fastify\/cookie|@fastify\/csrf|cookie)\/|\/src\/ui\//.test(u) },
  { name: 'auth guard (API key hash, roles, schools)', frame: (u) => /\/src\/auth\//.test(u) },
  { name: 'projections (read models)', frame: (u) => /\/src\/read-models\/|\/projections\//.test(u) },
  { name: 'the append (store, hash chain, SQLite)', frame: (u) => /\/src\/store\/|node_modules\/better-sqlite3\//.test(u) },
  { name: 'pupil keys (personal data)', frame: (u) => /\/src\/personal-data\//.test(u) },
  {
    name: 'the command door (read, fold, decide; idempotency)',
    frame: (u) => /\/src\/(ledger|pupils|catalogue|sharing|recipients|schools|publishing|audit|core)\//.test(u),
  },
  { name: 'CQRS bus (@nestjs/cqrs)', frame: (u) => /node_modules\/@nestjs\/cqrs\//.test(u) },
  {
    name: 'serialisation of the answer',
    frame: (u, fn) => /\/src\/http\/send\.js|fast-json-stringify/.test(u) || (/fastify\/lib\/(reply|error-serializer)\.js/.test(u) && /seriali/i.test(fn)),
  },
];

/** Code that only passes control on: a sample whose nearest named part is above one of these is the framework's own. */
const DISPATCH = (u: string) => /node_modules\/(fastify\/lib|@nestjs\/core)\/|^node:internal\/(process\/task_queues|async_hooks)|^node:events$/.test(u);

/** The framework's own work, by the frame nearest the leaf. */
const FRAMEWORK: readonly Rule[] = [
  {
    name: 'NestJS router, guards/pipes/interceptors runner (@nestjs/core, rxjs)',
    frame: (u) => /node_modules\/(@nestjs\/(core|common|platform-fastify)|rxjs)\//.test(u),
  },
  {
    name: 'Fastify routing, hooks, body reading, reply',
    frame: (u) => /node_modules\/(fastify|find-my-way|avvio|@fastify\/[^/]+|fast-[^/]+|light-my-request|secure-json-parse|fastq|toad-cache)\//.test(u),
  },
  { name: 'node:http, net, streams, async hooks', frame: (u) => u.startsWith('node:') },
];
const CATEGORIES = [...VM, ...PARTS, ...FRAMEWORK].map((r) => r.name);
const OTHER = 'other';

export interface CategoryTime {
  readonly name: string;
  /** Main-thread time in this category over the profile, in ms. */
  readonly ms: number;
  /** Per request (when requests are given), in µs. */
  readonly usPerRequest: number;
}

/** Sums a profile's samples by category (see CATEGORIES), largest first; `requests` divides them per request. */
export const summarise = (profile: CpuProfile, requests: number): { readonly wallMs: number; readonly categories: CategoryTime[] } => {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const frameOf = (id: number) => byId.get(id)!.callFrame;
  const find = (rules: readonly Rule[], url: string, fn: string) => rules.findIndex((r) => r.frame(url, fn));
  const memo = new Map<number, number>();
  const categoryOf = (leaf: number): number => {
    const known = memo.get(leaf);
    if (known !== undefined) return known;
    const vm = find(VM, frameOf(leaf).url, frameOf(leaf).functionName);
    let category = vm >= 0 ? vm : -1;
    for (let id: number | undefined = leaf; category < 0 && id !== undefined; id = parent.get(id))
      if (frameOf(id).url.includes('cpu-profile-preload') || frameOf(id).url === 'node:inspector') category = VM.findIndex((r) => r.name === PROFILER);
    let framework = -1;
    for (let id: number | undefined = leaf; category < 0 && id !== undefined; id = parent.get(id)) {
      const { url, functionName } = frameOf(id);
      const part = find(PARTS, url, functionName);
      if (part >= 0) category = VM.length + part;
      else if (framework < 0 && find(FRAMEWORK, url, functionName) >= 0) framework = VM.length + PARTS.length + find(FRAMEWORK, url, functionName);
      if (category < 0 && DISPATCH(url)) break;
    }
    const answer = category >= 0 ? category : framework >= 0 ? framework : CATEGORIES.length;
    memo.set(leaf, answer);
    return answer;
  };
  const us = new Array<number>(CATEGORIES.length + 1).fill(0);
  profile.samples.forEach((id, i) => (us[categoryOf(id)] += profile.timeDeltas[i] ?? 0));
  const categories = us
    .map((t, i) => ({ name: i < CATEGORIES.length ? CATEGORIES[i] : OTHER, ms: t / 1000, usPerRequest: requests > 0 ? t / requests : NaN }))
    .filter((c) => c.ms > 0)
    .sort((a, b) => b.ms - a.ms);
  return { wallMs: (profile.endTime - profile.startTime) / 1000, categories };
};

/** A markdown table of {@link summarise}'s answer, idle apart from the busy time it totals. */
export const renderSummary = (s: ReturnType<typeof summarise>): string => {
  const busy = s.categories.filter((c) => c.name !== 'idle' && c.name !== PROFILER);
  const total = busy.reduce((n, c) => n + c.usPerRequest, 0);
  const idle = s.categories.find((c) => c.name === 'idle');
  return [
    '| where the main thread goes | µs per request | share of busy time |',
    '|---|---|---|',
    ...busy.map((c) => `| ${c.name} | ${c.usPerRequest.toFixed(0)} | ${((100 * c.usPerRequest) / total).toFixed(1)} % |`),
    `| **busy, in all** | **${total.toFixed(0)}** | |`,
    `| idle (waiting on fsync, the socket, the client) | ${(idle?.usPerRequest ?? 0).toFixed(0)} | |`,
  ].join('\n');
};

/** `node dist/bench/cpuprofile-summary.js <file.cpuprofile> <requests answered while it ran>` */
if (require.main === module) {
  const [file, requests] = process.argv.slice(2);
  const s = summarise(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, Number(requests ?? 0));
  process.stdout.write(`${renderSummary(s)}\n\nprofile of ${(s.wallMs / 1000).toFixed(1)} s\n`);
}
