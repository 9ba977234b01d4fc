import Database from 'better-sqlite3';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LedgerApp, enrolBody, startLedger } from './support/ledger-app';
import { runLedger } from './support/ledger-cli';

/**
 * An auditor who kept a checkpoint (and the ledger's public key) outside the ledger: the log must
 * still hold what that checkpoint sealed, whatever happened to the data directory since.
 */
let ledger: LedgerApp;
let dir: string;
let kept: string;
const outside = mkdtempSync(join(tmpdir(), 'ledger-auditor-'));
const file = (name: string) => join(outside, name);

/** A closed copy of the data directory as it is now (the ledger is restarted on the original). */
const snapshot = async (): Promise<string> => {
  await ledger.close();
  const copy = mkdtempSync(join(tmpdir(), 'ledger-copy-'));
  for (const f of readdirSync(dir)) cpSync(join(dir, f), join(copy, f));
  ledger = await startLedger(dir);
  return copy;
};

const verify = async (dataDir: string, ...extra: string[]) => {
  const r = await runLedger('--data-dir', dataDir, 'verify', ...extra);
  const json = await runLedger('--data-dir', dataDir, 'verify', '--json', ...extra);
  return { ...r, report: JSON.parse(json.out) };
};

let rolledBack: string;

beforeAll(async () => {
  ledger = await startLedger();
  dir = ledger.dataDir;
  for (const id of ['a', 'b']) await ledger.as('registrar').post('/pupils', enrolBody(id)).expect(201);
  writeFileSync(file('ledger-public.pem'), (await ledger.as('auditor').get('/audit/public-key').expect(200)).text);
  await ledger.as('auditor').post('/audit/checkpoints').expect(201);
  rolledBack = await snapshot();
  for (const id of ['c', 'd', 'e']) await ledger.as('registrar').post('/pupils', enrolBody(id)).expect(201);
  kept = file('kept.json');
  writeFileSync(kept, JSON.stringify((await ledger.as('auditor').post('/audit/checkpoints').expect(201)).body));
  writeFileSync(file('all.json'), JSON.stringify((await ledger.as('auditor').get('/audit/checkpoints').expect(200)).body));
});
afterAll(async () => {
  await ledger.close();
  rmSync(outside, { recursive: true, force: true });
});

describe('ledger verify --checkpoint FILE --public-key FILE', () => {
  it('passes the log that holds what was sealed, also after it grew, with one checkpoint or the whole list', async () => {
    await ledger.as('registrar').post('/pupils', enrolBody('f')).expect(201);
    const one = await verify(dir, '--checkpoint', kept, '--public-key', file('ledger-public.pem'));
    expect(one.code).toBe(0);
    expect(one.out).toContain('ok: every chain and checkpoint verifies');
    expect(one.report).toMatchObject({ ok: true, kept: 1, problems: [] });
    const all = await verify(dir, '--checkpoint', file('all.json'), '--public-key', file('ledger-public.pem'));
    expect(all.report).toMatchObject({ ok: true, kept: 2 });
    expect(all.code).toBe(0);
  });

  it('exits non-zero on a rolled-back log, naming the sealed events that are missing', async () => {
    const { code, out, report } = await verify(rolledBack, '--checkpoint', kept, '--public-key', file('ledger-public.pem'));
    expect(code).toBe(1);
    const sealed = JSON.parse(readFileSync(kept, 'utf8'));
    expect(report.problems).toContainEqual(
      expect.objectContaining({
        position: sealed.position,
        problem: expect.stringMatching(
          new RegExp(
            `kept in ${kept}: it sealed the log up to position ${sealed.position} \\(5 events\\), but the log ends at \\d+ \\(the log was rolled back behind this checkpoint: 3 sealed events are missing\\)`,
          ),
        ),
      }),
    );
    expect(out).toContain('NOT OK');
  });

  it('exits non-zero on an emptied log', async () => {
    const emptied = await snapshot();
    const db = new Database(join(emptied, 'events.db'));
    db.exec('DROP TRIGGER events_no_delete; DELETE FROM events; DROP TRIGGER audit_checkpoints_no_update; DELETE FROM audit_checkpoints;');
    db.close();
    rmSync(join(emptied, 'audit-checkpoint.json'));
    const { code, report } = await verify(emptied, '--checkpoint', kept, '--public-key', file('ledger-public.pem'));
    expect(code).toBe(1);
    expect(report).toMatchObject({ ok: false, events: 0 });
    expect(report.problems).toContainEqual(
      expect.objectContaining({
        problem: expect.stringContaining('but the log is empty (the log was rolled back behind this checkpoint: 5 sealed events are missing)'),
      }),
    );
  });

  it('exits non-zero on a log replaced by another ledger’s, whatever key sits beside it', async () => {
    const other = await startLedger();
    for (const id of ['x', 'y', 'z', 'v', 'w', 'u']) await other.as('registrar').post('/pupils', enrolBody(id)).expect(201);
    await other.close();
    const { code, report } = await verify(other.dataDir, '--checkpoint', kept, '--public-key', file('ledger-public.pem'));
    expect(code).toBe(1);
    const problems = report.problems.map((p: { problem: string }) => p.problem).join('\n');
    expect(problems).toMatch(new RegExp(`kept in ${kept}: (the stream heads differ from the sealed root|it sealed 5 events)`));
    // The replacing log's own checkpoints were not made with the key the auditor kept.
    expect(problems).toContain('its signature does not verify with the public key in');
  });

  it('refuses a kept checkpoint whose content was changed, and says when no key was given to check it', async () => {
    const forged = { ...JSON.parse(readFileSync(kept, 'utf8')), events: 2 };
    writeFileSync(file('forged.json'), JSON.stringify(forged));
    const { code, report } = await verify(dir, '--checkpoint', file('forged.json'), '--public-key', file('ledger-public.pem'));
    expect(code).toBe(1);
    expect(report.problems).toContainEqual(
      expect.objectContaining({ problem: expect.stringContaining('its signature does not verify with the public key in') }),
    );
  });

  it('exits 2 with a usage message without --public-key, or with one that is not there; verifies nothing', async () => {
    const withoutKey = await runLedger('--data-dir', dir, 'verify', '--checkpoint', kept);
    expect(withoutKey).toEqual({
      code: 2,
      out: '',
      err: 'usage: ledger verify --checkpoint FILE --public-key FILE\n--checkpoint needs --public-key: the ledger public key you kept with the checkpoint (GET /audit/public-key), never the one in the data directory\n',
    });
    const missing = await runLedger('--data-dir', dir, 'verify', '--checkpoint', kept, '--public-key', file('nowhere.pem'));
    expect(missing).toMatchObject({ code: 2, out: '', err: expect.stringContaining(`no public key at ${file('nowhere.pem')}`) });
  });

  it('names which checkpoint of a kept list the rolled-back log fell behind, its position and the log’s end', async () => {
    const list = JSON.parse(readFileSync(file('all.json'), 'utf8')) as { checkpoints: { position: string; createdAt: string }[] };
    const latest = [...list.checkpoints].sort((a, b) => Number(b.position) - Number(a.position))[0];
    const place = list.checkpoints.indexOf(latest) + 1;
    const { code, out } = await verify(rolledBack, '--checkpoint', file('all.json'), '--public-key', file('ledger-public.pem'));
    expect(code).toBe(1);
    expect(out).toMatch(
      new RegExp(
        `checkpoint of ${latest.createdAt} kept in ${file('all.json')} \\(checkpoint ${place} of 2\\): it sealed the log up to position ${latest.position} \\(5 events\\), but the log ends at 2 \\(the log was rolled back behind this checkpoint: 3 sealed events are missing\\)`,
      ),
    );
  });

  it('names a file that holds no checkpoint', async () => {
    writeFileSync(file('notes.json'), JSON.stringify({ note: 'remember the milk' }));
    await expect(runLedger('--data-dir', dir, 'verify', '--checkpoint', file('notes.json'), '--public-key', file('ledger-public.pem'))).rejects.toThrow(
      `${file('notes.json')} is not a signed checkpoint`,
    );
  });
});

describe('the ledger’s own checkpoint kept outside events.db', () => {
  it('is held against the log by /audit/verify', async () => {
    const res = await ledger.as('auditor').get('/audit/verify').expect(200);
    expect(res.body).toMatchObject({ ok: true, kept: 1 });
  });

  it('stops a start on a log rolled back while the ledger was stopped', async () => {
    await ledger.close();
    const current = mkdtempSync(join(tmpdir(), 'ledger-current-'));
    for (const f of readdirSync(dir)) cpSync(join(dir, f), join(current, f));
    for (const f of ['events.db-wal', 'events.db-shm']) rmSync(join(current, f), { force: true });
    copyFileSync(join(rolledBack, 'events.db'), join(current, 'events.db'));
    await expect(startLedger(current)).rejects.toThrow(
      /events\.db no longer reaches position \d+, up to which the ledger sealed it \(\d+ events\).*rolled back, replaced or emptied/,
    );
    ledger = await startLedger(dir);
  });
});
