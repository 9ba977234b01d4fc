import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { describePostgres } from '../src/store/postgres/testing/postgres-test-database';
import { consentBody, enrolBody, type LedgerApp, startLedger } from './support/ledger-app';

/** The built `ledger` command (test/process/global-setup.js builds it). */
const LEDGER = join(__dirname, '..', '.tmp', 'process-build', 'src', 'cli', 'ledger.js');

const run = (args: string[], env: Record<string, string> = {}) =>
  new Promise<{ code: number; out: string; err: string }>((resolve) =>
    execFile(process.execPath, [LEDGER, ...args], { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8' }, (error, out, err) =>
      resolve({ code: error ? Number(error.code) : 0, out, err }),
    ),
  );

describePostgres('the auditor’s ledger command on a ledger in PostgreSQL', (db) => {
  let ledger: LedgerApp;
  let schema: string;
  let pg: string[];

  beforeAll(async () => {
    schema = db.freshSchema();
    pg = ['--store', 'postgres', '--postgres-url', db.url, '--postgres-schema', schema];
    ledger = await startLedger(undefined, undefined, null, { store: { kind: 'postgres', postgresUrl: db.url, schema } });
    await ledger
      .as('registrar')
      .post('/pupils', enrolBody('p-1', { personal: { name: 'Sanne de Vries' } }))
      .expect(201);
    await ledger.as('registrar').post('/pupils/p-1/consents', consentBody('p-1', 'photo-class-page')).expect(201);
    await ledger.as('registrar').post('/pupils', enrolBody('p-2')).expect(201);
    await ledger.as('auditor').post('/audit/checkpoints').expect(201);
  });

  afterAll(async () => {
    await ledger?.close();
  });

  it('verifies the running ledger’s log, read-only and with no data directory, signatures checked with the key in the database', async () => {
    const r = await run([...pg, '--data-dir', join(tmpdir(), 'no-such-directory'), 'verify', '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report).toMatchObject({ ok: true, events: (await ledger.store.readAll(null, 1000)).length, checkpoints: 1, problems: [] });
    expect(existsSync(join(tmpdir(), 'no-such-directory'))).toBe(false);
    const human = await run([...pg, 'verify']);
    expect(human.out).toContain('ok: every chain and checkpoint verifies');
    expect(human.out).not.toContain('NOT checked');
  });

  it('takes the store from the ledger’s own variables too', async () => {
    const r = await run(['verify', '--json'], { LEDGER_STORE: 'postgres', LEDGER_POSTGRES_URL: db.url, LEDGER_POSTGRES_SCHEMA: schema });
    expect([r.code, JSON.parse(r.out).ok]).toEqual([0, true]);
  });

  it('replays every projection as of a moment into a file of its own', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ledger-replay-')), 'replay.db');
    const r = await run([...pg, 'replay', '--until', '2026-03-02', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/read \d+ events; replayed the \d+ that had happened by/);
    expect(existsSync(out)).toBe(true);
    expect(JSON.parse(r.out)).toBeInstanceOf(Object);
  });

  it('exports a pupil with the name opened by the pupil’s key, and refuses an unknown pupil with exit 1', async () => {
    const r = await run([...pg, 'export', '--pupil', 'p-1']);
    expect(r.code).toBe(0);
    const x = JSON.parse(r.out);
    expect(x.pupilId).toBe('p-1');
    expect(r.out).toContain('Sanne');
    const api = (await ledger.as('director').get('/pupils/p-1/export').expect(200)).body;
    // The same record as over HTTP; the consents are as of each one's own now (the command's real clock, the ledger's test clock).
    const recorded = (e: Record<string, unknown>) => ({ ...e, generatedAt: undefined, consents: undefined });
    expect(recorded(x)).toEqual(recorded(api));
    expect(x.consents.map((c: { purpose: string }) => c.purpose)).toEqual(['photo-class-page']);
    const none = await run([...pg, 'export', '--pupil', 'nobody']);
    expect(none.code).toBe(1);
  });

  it('says to use pg_dump instead of backup, with exit 2, and writes nothing', async () => {
    const out = join(tmpdir(), `never-${process.pid}`);
    const r = await run([...pg, 'backup', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('pg_dump');
    expect(existsSync(out)).toBe(false);
  });

  it('says plainly when the schema holds no ledger (exit 2)', async () => {
    const r = await run(['--store', 'postgres', '--postgres-url', db.url, '--postgres-schema', 'nothing_here', 'verify']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('no ledger store in schema nothing_here');
  });

  it('names the first changed event of a tampered log, exit 1', async () => {
    const c = new Client({ connectionString: db.url });
    await c.connect();
    try {
      // Past the log's own guards, as someone with the database's superuser would go.
      await c.query(`ALTER TABLE ${schema}.events DISABLE TRIGGER ALL`);
      const { rows } = await c.query(
        `UPDATE ${schema}.events SET data = replace(data, 'photo-class-page', 'photo-yearbook') WHERE stream = 'pupil-p-1' AND revision = 1 RETURNING event_id, position::text AS position`,
      );
      expect(rows).toHaveLength(1);
      const r = await run([...pg, 'verify', '--json']);
      expect(r.code).toBe(1);
      const report = JSON.parse(r.out);
      expect(report.ok).toBe(false);
      expect(report.problems[0]).toMatchObject({ position: rows[0].position, eventId: rows[0].event_id });
    } finally {
      await c.end();
    }
  });
});
