import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLedger } from './support/ledger-cli';
import { consentBody, enrolBody, startLedger } from './support/ledger-app';

/** What the `ledger` command does to the files it is given, and what it says it did. */
const digestOf = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [
        f,
        createHash('sha256')
          .update(readFileSync(join(dir, f)))
          .digest('hex'),
      ]),
  );

let live: string;
let copy: string;
beforeAll(async () => {
  live = mkdtempSync(join(tmpdir(), 'ledger-cmd-'));
  const ledger = await startLedger(live);
  await ledger
    .as('registrar')
    .post('/pupils', enrolBody('p-c1', { personal: { name: 'Mees Kopie' } }))
    .expect(201);
  ledger.clock.current = '2026-03-02T10:00:00.000Z';
  await ledger
    .as('registrar')
    .post('/pupils/p-c1/consents', consentBody('p-c1', 'share-library', { givenAt: '2026-03-02T09:00:00Z' }))
    .expect(201);
  await ledger.close();
  // An auditor's copy of the files only: what a copy taken with cp holds, without -wal or -shm.
  copy = mkdtempSync(join(tmpdir(), 'ledger-cmd-copy-'));
  for (const f of ['events.db', 'keys.db', 'audit-public-key.pem']) if (existsSync(join(live, f))) cpSync(join(live, f), join(copy, f));
  for (const f of readdirSync(copy)) expect(f).not.toMatch(/-(wal|shm)$/);
});
afterAll(() => {
  rmSync(live, { recursive: true, force: true });
  rmSync(copy, { recursive: true, force: true });
});

describe('an auditor’s copy', () => {
  it('is read, never changed: verify, export and replay leave no -wal or -shm and no byte altered', async () => {
    const before = digestOf(copy);
    expect((await runLedger('--data-dir', copy, 'verify')).code).toBe(0);
    const exported = await runLedger('--data-dir', copy, 'export', '--pupil', 'p-c1');
    expect([exported.code, JSON.parse(exported.out).personal]).toEqual([0, { name: 'Mees Kopie', birthDate: null }]);
    const out = join(mkdtempSync(join(tmpdir(), 'ledger-cmd-out-')), 'replay.db');
    expect((await runLedger('--data-dir', copy, 'replay', '--until', '2026-03-03', '--out', out)).code).toBe(0);
    expect((await runLedger('--data-dir', copy, 'destructions', '--since', '2026-01-01T00:00Z')).code).toBe(0);
    expect(digestOf(copy)).toEqual(before);
    rmSync(join(out, '..'), { recursive: true, force: true });
  });
});

describe('replay', () => {
  it('says how many events it read and how many had happened by the moment, truthfully', async () => {
    const none = await runLedger('--data-dir', copy, 'replay', '--until', '2025-08-01', '--out', join(copy, '..', `r-${process.pid}-a.db`));
    expect(none.err).toContain('read 2 events; replayed the 0 that had happened by 2025-08-01T21:59:59.999Z (2 later ones left out)');
    const one = await runLedger(
      '--data-dir',
      copy,
      'replay',
      '--until',
      '2026-03-03',
      '--known-at',
      '2026-03-01T12:00:00Z',
      '--out',
      join(copy, '..', `r-${process.pid}-b.db`),
    );
    expect(one.err).toContain(
      'read 2 events; replayed the 1 that had happened by 2026-03-03T22:59:59.999Z and were recorded by 2026-03-01T12:00:00.000Z (1 later ones left out)',
    );
    for (const f of ['a', 'b']) rmSync(join(copy, '..', `r-${process.pid}-${f}.db`), { force: true });
  });

  it('writes outside the data directory unless told where, and says where', async () => {
    const r = await runLedger('--data-dir', live, 'replay', '--until', '2026-03-03');
    const written = /wrote the replayed read models to (\S+)/.exec(r.err)![1];
    expect(written.startsWith(tmpdir())).toBe(true);
    expect(written.startsWith(live)).toBe(false);
    expect(existsSync(written)).toBe(true);
    rmSync(written, { force: true });
  });
});

describe('export --out', () => {
  it('says what it wrote, where, and that it holds personal data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-cmd-export-'));
    const r = await runLedger('--data-dir', copy, 'export', '--pupil', 'p-c1', '--format', 'html', '--out', join(dir, 'inzage.html'));
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    expect(r.err).toMatch(new RegExp(`wrote the html export of pupil p-c1 \\(\\d+ bytes, readable by its owner only\\) to ${join(dir, 'inzage.html')}`));
    expect(r.err).toContain('it holds the pupil’s personal data');
    rmSync(dir, { recursive: true, force: true });
  });
});
