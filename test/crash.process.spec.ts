import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { replay } from '../src/audit/replay';
import { SqliteAuditLog } from '../src/store/sqlite-audit-log';
import { consentBody, enrolBody } from './support/ledger-app';
import { LedgerProcess } from './support/ledger-process';

/**
 * The ledger as it runs in production, killed with SIGKILL while concurrent commands arrive, and
 * started again on the same data directory, twice: every acknowledged event is there, the log
 * verifies, and the read models equal a rebuild from the log. CRASH_RUNS sets how many data
 * directories go through it (the figures are printed at the end).
 */
const RUNS = Number(process.env.CRASH_RUNS ?? 1);
const ROUNDS = 2;
const WORKERS = 8;
/** Acknowledgements to wait for before the kill: the kill then lands among requests in flight. */
const KILL_AFTER = 200;
jest.setTimeout(300_000);

interface Round {
  readonly acknowledged: string[];
  readonly destroyed: string[];
  /** Answers other than 201: there must be none (a dropped connection is no answer). */
  readonly unexpected: { status: number; body: unknown }[];
  /** Why a client stopped before the kill: there must be no such reason. */
  readonly stoppedEarly: string[];
}

/** Commands from WORKERS clients at once until the ledger dies; kills it with SIGKILL after KILL_AFTER acknowledgements. */
const loadUntilKilled = async (ledger: LedgerProcess, prefix: string): Promise<Round> => {
  const round: Round = { acknowledged: [], destroyed: [], unexpected: [], stoppedEarly: [] };
  let killed = false;
  const ack = (r: { status: number; body: Record<string, unknown> }) => {
    if (r.status !== 201) return void round.unexpected.push(r);
    round.acknowledged.push(r.body.eventId as string);
    if (!killed && round.acknowledged.length >= KILL_AFTER) {
      killed = true;
      void ledger.kill('SIGKILL');
    }
    return true;
  };
  const worker = async (w: number) => {
    try {
      for (let i = 0; ; i++) {
        const id = `${prefix}-${w}-${i}`;
        if (!ack(await ledger.post('registrar', '/pupils', enrolBody(id, { personal: { name: `Kind ${id}` } })))) continue;
        ack(await ledger.post('registrar', `/pupils/${id}/consents`, consentBody(id, 'photo-website')));
        if (i % 4 === 3 && ack(await ledger.post('registrar', `/pupils/${id}/dossier-destruction`, { reason: 'erasure_request' }))) round.destroyed.push(id);
      }
    } catch (e) {
      // After the kill the connection drops; before it, nothing may stop a client.
      if (!killed) round.stoppedEarly.push(e instanceof Error ? `${e.message} ${e.cause instanceof Error ? e.cause.message : ''}` : String(e));
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));
  if (!killed) void ledger.kill('SIGKILL');
  await ledger.exited;
  return round;
};

const idsInLog = (dir: string): Set<string> => {
  const log = new SqliteAuditLog(join(dir, 'events.db'), { readonly: true });
  try {
    return new Set([...log.rawEvents()].map((e) => e.eventId));
  } finally {
    log.close();
  }
};

const rows = (file: string): string[] => {
  const db = new Database(file, { readonly: true });
  const all = db.prepare('SELECT projection, key, doc FROM docs ORDER BY projection, key').all() as { projection: string; key: string; doc: string }[];
  db.close();
  return all.map((r) => `${r.projection}\u0000${r.key}\u0000${r.doc}`);
};

const figures = { runs: 0, kills: 0, acknowledged: 0, lost: 0 };
afterAll(() => {
  process.stdout.write(`\ncrash test: ${figures.runs} run(s), ${figures.kills} kill -9, ${figures.acknowledged} acknowledged events, ${figures.lost} lost\n`);
});

describe.each(Array.from({ length: RUNS }, (_, r) => r + 1))('kill -9 under concurrent commands (run %i)', (run) => {
  it('loses no acknowledged event; the log verifies; the read models equal a rebuild', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-crash-'));
    const acknowledged: string[] = [];
    const destroyed: string[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const ledger = await LedgerProcess.start(dir);
      const r = await loadUntilKilled(ledger, `r${run}-${round}`);
      expect(r.stoppedEarly).toEqual([]);
      expect(r.unexpected).toEqual([]);
      acknowledged.push(...r.acknowledged);
      destroyed.push(...r.destroyed);
      figures.kills++;
    }

    const ledger = await LedgerProcess.start(dir);
    expect((await ledger.get('auditor', '/health')).body).toMatchObject({ status: 'ok' });
    const inLog = idsInLog(dir);
    const lost = acknowledged.filter((id) => !inLog.has(id));
    figures.runs++;
    figures.acknowledged += acknowledged.length;
    figures.lost += lost.length;
    expect(lost).toEqual([]);
    expect((await ledger.get('auditor', '/audit/verify')).body).toMatchObject({ ok: true, problems: [] });
    // Every acknowledged destruction destroyed its key; one under way at the kill was finished at the start.
    for (const id of destroyed) expect((await ledger.post('registrar', `/pupils/${id}/consents`, consentBody(id, 'photo-website'))).status).toBe(410);
    const keys = new Database(join(dir, 'keys.db'), { readonly: true });
    expect(keys.prepare('SELECT COUNT(*) FROM shred_intents').pluck().get()).toBe(0);
    const audit = new SqliteAuditLog(join(dir, 'events.db'), { readonly: true });
    const destroyedInLog = [...audit.rawEvents()].filter((e) => e.type === 'DossierDestroyed').map((e) => JSON.parse(e.data).pupilId as string);
    audit.close();
    expect(destroyedInLog).toEqual(expect.arrayContaining(destroyed));
    for (const id of destroyedInLog) expect(keys.prepare('SELECT 1 FROM pupil_keys WHERE pupil_id = ?').get(id)).toBeUndefined();
    keys.close();

    // Caught up (a report reads through every read model), then stopped: its read models against a rebuild.
    expect((await ledger.get('board', '/reports/board')).status).toBe(200);
    const stopped = await ledger.kill('SIGTERM');
    // Nest closes everything, then ends the process with the signal it was given.
    expect(stopped.code === 0 || stopped.signal === 'SIGTERM').toBe(true);
    const rebuilt = join(mkdtempSync(join(tmpdir(), 'ledger-rebuild-')), 'read-models.db');
    const log = new SqliteAuditLog(join(dir, 'events.db'), { readonly: true });
    await replay(log.rawEvents(), { until: '9999-12-31T23:59:59.999Z' }, rebuilt);
    log.close();
    expect(rows(join(dir, 'read-models.db'))).toEqual(rows(rebuilt));
    rmSync(dir, { recursive: true, force: true });
  });
});
