import { Agent, request } from 'node:http';
import { percentile } from './stats';

/**
 * The bench's own HTTP load generator, run as a process of its own so it does not share the
 * ledger's event loop: node:http with keep-alive sockets, one per client, every request timed.
 *
 * Two loads, chosen by `mode`:
 * - `school-day`: `clients` clients, each looping for `seconds`: enrol a new pupil (POST /pupils,
 *   one guardian) and then give five consents on it (POST /pupils/{id}/consents, five purposes).
 * - `one-pupil`: one pupil enrolled, then `clients` consents on that pupil sent at once (each its
 *   own purpose and notice version), the answers counted by status: the contention figure.
 *
 * Prints one JSON object (see {@link SchoolDayLoad}, {@link OnePupilLoad}) on standard output.
 */
export interface LoadClientArgs {
  readonly mode: 'school-day' | 'one-pupil';
  /** `http://127.0.0.1:<port>` of a running ledger. */
  readonly url: string;
  /** A registrar's API key. */
  readonly key: string;
  readonly clients: number;
  /** school-day only: how long the clients loop, in s. */
  readonly seconds: number;
}

export interface SchoolDayLoad {
  readonly clients: number;
  readonly seconds: number;
  /** Every answered request per second (any status). */
  readonly requestsPerSecond: number;
  /** Acknowledged commands (2xx) per second. */
  readonly commandsPerSecond: number;
  /** Latency of every answered request, in ms. */
  readonly p50: number;
  readonly p99: number;
  readonly pupilsEnrolled: number;
  /** Answers other than 2xx, and requests that got no answer (socket errors). */
  readonly non2xx: number;
  readonly errors: number;
  readonly statuses: Readonly<Record<string, number>>;
}

export interface OnePupilLoad {
  readonly consents: number;
  /** How many of the concurrent consents were answered with each status. */
  readonly statuses: Readonly<Record<string, number>>;
  readonly errors: number;
}

/** The five one-off purposes of the catalogue: five consents on one pupil, none repeating another. */
export const PURPOSES = ['share-library', 'share-printer', 'external-expert-consultation', 'dossier-request-third-party', 'religion-registration'] as const;

interface Answer {
  readonly status: number;
  readonly ms: number;
}

const post = (agent: Agent, base: URL, key: string, path: string, body: unknown): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const payload = Buffer.from(JSON.stringify(body));
    const started = process.hrtime.bigint();
    const req = request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method: 'POST',
        path,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'content-length': payload.length },
      },
      (res) => {
        // The answer is read whole (as a client would) before the request counts as answered.
        res.on('data', () => undefined);
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });

/** A run tag, so pupil ids of two runs against one data directory never meet. */
const RUN = `${process.pid.toString(36)}${Date.now().toString(36)}`;
// A month ago: never in the future, whatever the day of the run.
const ENROLLED_ON = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
const enrolment = (pupilId: string) => ({
  pupilId,
  schoolId: 's-bench',
  enrolledOn: ENROLLED_ON,
  guardians: [{ guardianId: `${pupilId}-g1`, relation: 'parent' }],
});
const consent = (pupilId: string, purpose: string, n: number) => ({ purpose, guardianId: `${pupilId}-g1`, noticeVersion: `v-${n}`, channel: 'paper' });

const count = (statuses: Record<string, number>, status: number | string) => (statuses[status] = (statuses[status] ?? 0) + 1);

export const schoolDay = async (a: LoadClientArgs): Promise<SchoolDayLoad> => {
  const base = new URL(a.url);
  const agent = new Agent({ keepAlive: true, maxSockets: a.clients });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let [errors, pupils] = [0, 0];
  const started = Date.now();
  const deadline = started + a.seconds * 1000;
  const send = async (path: string, body: unknown): Promise<boolean> => {
    try {
      const answer = await post(agent, base, a.key, path, body);
      latencies.push(answer.ms);
      count(statuses, answer.status);
      return answer.status >= 200 && answer.status < 300;
    } catch {
      errors++;
      return false;
    }
  };
  await Promise.all(
    Array.from({ length: a.clients }, async (_, client) => {
      for (let n = 0; Date.now() < deadline; n++) {
        const pupilId = `hb-${RUN}-${client}-${n}`;
        if (!(await send('/pupils', enrolment(pupilId)))) continue;
        pupils++;
        for (const [i, purpose] of PURPOSES.entries()) {
          if (Date.now() >= deadline) break;
          await send(`/pupils/${pupilId}/consents`, consent(pupilId, purpose, i));
        }
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  agent.destroy();
  const ok = Object.entries(statuses).reduce((n, [s, c]) => (Number(s) >= 200 && Number(s) < 300 ? n + c : n), 0);
  return {
    clients: a.clients,
    seconds: elapsed,
    requestsPerSecond: latencies.length / elapsed,
    commandsPerSecond: ok / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    pupilsEnrolled: pupils,
    non2xx: latencies.length - ok,
    errors,
    statuses,
  };
};

export const onePupil = async (a: LoadClientArgs): Promise<OnePupilLoad> => {
  const base = new URL(a.url);
  const agent = new Agent({ keepAlive: true, maxSockets: a.clients });
  const pupilId = `hb-${RUN}-one`;
  const enrolled = await post(agent, base, a.key, '/pupils', enrolment(pupilId));
  if (enrolled.status !== 201) throw new Error(`enrolling the one pupil answered ${enrolled.status}`);
  const statuses: Record<string, number> = {};
  let errors = 0;
  // Each consent names its own notice version, so no two are the same command: a 409 is contention, not a repeat.
  await Promise.all(
    Array.from({ length: a.clients }, (_, n) =>
      post(agent, base, a.key, `/pupils/${pupilId}/consents`, consent(pupilId, PURPOSES[n % PURPOSES.length], n)).then(
        (answer) => count(statuses, answer.status),
        () => errors++,
      ),
    ),
  );
  agent.destroy();
  return { consents: a.clients, statuses, errors };
};

if (require.main === module) {
  const args = JSON.parse(process.argv[2]) as LoadClientArgs;
  (args.mode === 'one-pupil' ? onePupil(args) : schoolDay(args)).then(
    (r) => process.stdout.write(JSON.stringify(r)),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
      process.exit(1);
    },
  );
}
