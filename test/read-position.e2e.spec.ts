import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pupilStream } from '../src/ledger/domain/streams';
import { enrolled } from '../src/pupils/domain/pupil-fixtures';
import { type LedgerApp, enrolBody, startLedger } from './support/ledger-app';

const metadata = {
  schemaVersion: 1,
  actor: { id: 'elsewhere', role: 'registrar' },
  schoolId: 's-1',
  correlationId: 'c',
  causationId: null,
  idempotencyKeySha256: null,
};

/**
 * Holds read-models.db's write lock from a connection of the test's own: the fold thread waits for
 * it (without failing), so the read models lag the log for as long as the test says.
 */
const holdReadModels = (ledger: LedgerApp) => {
  const db = new Database(join(ledger.dataDir, 'read-models.db'));
  db.exec('BEGIN IMMEDIATE');
  return {
    releaseAfter: (ms: number) => setTimeout(() => (db.exec('COMMIT'), db.close()), ms),
    release: () => (db.inTransaction && db.exec('COMMIT'), db.open && db.close()),
  };
};

/** An enrolment written to the log as another instance would: not through this instance's door. */
const enrolElsewhere = async (ledger: LedgerApp, pupilId: string): Promise<string> => {
  const [e] = await ledger.store.append([
    {
      stream: pupilStream(pupilId),
      expectedRevision: 'no_stream',
      events: [{ ...enrolled, data: { ...enrolled.data, pupilId }, eventId: `e-${pupilId}`, recordedAt: enrolled.occurredAt, metadata }],
    },
  ]);
  return e.position;
};

const atLeast = (header: string | undefined, position: string) => expect(BigInt(header ?? '-1') >= BigInt(position)).toBe(true);

describe('reads say which position they reflect (Ledger-Position), and wait for the one asked for (Ledger-Min-Position)', () => {
  let ledger: LedgerApp;
  afterEach(() => ledger.close());

  it('a query right after a command on this instance waits for it, even while the read models lag, and names a position at or past it', async () => {
    ledger = await startLedger(mkdtempSync(join(tmpdir(), 'ledger-position-')));
    const lock = holdReadModels(ledger);
    try {
      const { position } = (await ledger.as('registrar').post('/pupils', enrolBody('p-mine')).expect(201)).body as { position: string };
      lock.releaseAfter(300);
      const read = await ledger.as('director').get('/pupils/p-mine/consents').expect(200);
      atLeast(read.headers['ledger-position'], position);
    } finally {
      lock.release();
    }
  });

  it('waits for a position another instance gave out when the request names it; without the header the answer does not wait for it', async () => {
    ledger = await startLedger(mkdtempSync(join(tmpdir(), 'ledger-position-')), undefined, null, { readWaitMs: 10_000 });
    const lock = holdReadModels(ledger);
    try {
      const position = await enrolElsewhere(ledger, 'p-theirs');
      const unasked = await ledger.as('director').get('/pupils/p-theirs/consents').expect(404);
      expect(BigInt(unasked.headers['ledger-position'] ?? '-1') < BigInt(position)).toBe(true);
      lock.releaseAfter(300);
      const asked = await ledger.as('director').get('/pupils/p-theirs/consents').set('Ledger-Min-Position', position).expect(200);
      atLeast(asked.headers['ledger-position'], position);
    } finally {
      lock.release();
    }
  });

  it('answers with what the read models hold once the wait is over, naming the position they reflect', async () => {
    ledger = await startLedger(mkdtempSync(join(tmpdir(), 'ledger-position-')), undefined, null, { readWaitMs: 200 });
    await ledger.as('registrar').post('/pupils', enrolBody('p-before')).expect(201);
    const before = (await ledger.as('director').get('/pupils/p-before/consents').expect(200)).headers['ledger-position'];
    const lock = holdReadModels(ledger);
    try {
      const position = await enrolElsewhere(ledger, 'p-later');
      const read = await ledger.as('director').get('/pupils/p-later/consents').set('Ledger-Min-Position', position).expect(404);
      expect(read.headers['ledger-position']).toBe(before);
      // The same bound for this instance's own writes.
      await ledger.as('registrar').post('/pupils', enrolBody('p-mine-later')).expect(201);
      expect((await ledger.as('director').get('/pupils/p-before/consents').expect(200)).headers['ledger-position']).toBe(before);
    } finally {
      lock.release();
    }
  });

  it('refuses a Ledger-Min-Position that is no position with 400, and a command answers no Ledger-Position', async () => {
    ledger = await startLedger(mkdtempSync(join(tmpdir(), 'ledger-position-')));
    const command = await ledger.as('registrar').post('/pupils', enrolBody('p-1')).expect(201);
    expect(command.headers['ledger-position']).toBeUndefined();
    // Not a position at all, a position in another notation, or one this log never gave out (HTTP trims a value's spaces).
    for (const header of ['yesterday', '-1', '+1', '0x1', '1e0', '01', '1.0', String(BigInt(command.body.position as string) + 1n), '99999999999999999999']) {
      const refused = await ledger.as('director').get('/pupils/p-1/consents').set('Ledger-Min-Position', header).expect(400);
      expect(refused.body).toMatchObject({ error: 'VALIDATION.INVALID', details: [expect.objectContaining({ field: 'Ledger-Min-Position' })] });
    }
    await ledger
      .as('director')
      .get('/pupils/p-1/consents')
      .set('Ledger-Min-Position', command.body.position as string)
      .expect(200);
    const check = await ledger
      .as('director')
      .post('/consent-checks', { purpose: 'photo-website', pupilIds: ['p-1'] })
      .expect(200);
    atLeast(check.headers['ledger-position'], command.body.position as string);
  });

  it('answers reads from what the read models hold, at once, while they cannot be written (and /health says failing)', async () => {
    ledger = await startLedger(mkdtempSync(join(tmpdir(), 'ledger-position-')), undefined, null, { readWaitMs: 10_000 });
    await ledger.as('registrar').post('/pupils', enrolBody('p-before')).expect(201);
    const before = (await ledger.as('director').get('/pupils/p-before/consents').expect(200)).headers['ledger-position'];
    const docs = new Database(join(ledger.dataDir, 'read-models.db'));
    try {
      docs.exec("CREATE TRIGGER refuse_docs BEFORE INSERT ON docs BEGIN SELECT RAISE(ABORT, 'refused'); END");
      await ledger.as('registrar').post('/pupils', enrolBody('p-unfolded')).expect(201);
      const started = Date.now();
      const read = await ledger.as('director').get('/pupils/p-before/consents').expect(200);
      expect(read.headers['ledger-position']).toBe(before);
      // Answered on the fold's failure, not after the 10 s bound (the test's own timeout is 30 s).
      expect(Date.now() - started).toBeLessThan(10_000);
      await ledger.as('director').get('/pupils/p-unfolded/consents').expect(404);
      expect((await ledger.as('director').get('/health').expect(200)).body.checks.readModels.status).toBe('failing');
    } finally {
      docs.exec('DROP TRIGGER IF EXISTS refuse_docs');
      docs.close();
    }
    await ledger.as('director').get('/pupils/p-unfolded/consents').expect(200);
  });

  // The process's threads as Linux counts them: a worker thread never shows among Node's active handles.
  const threads = () => readdirSync('/proc/self/task').length;
  (existsSync('/proc/self/task') ? it : it.skip)('leaves no thread running once closed (the fold thread and the checkpoint threads end)', async () => {
    const before = threads();
    ledger = await startLedger(mkdtempSync(join(tmpdir(), 'ledger-position-')));
    await ledger.as('registrar').post('/pupils', enrolBody('p-1')).expect(201);
    await ledger.as('director').get('/pupils/p-1/consents').expect(200);
    expect(threads()).toBeGreaterThan(before);
    await ledger.close();
    // A thread that ended is gone from the list a moment after its exit event.
    while (threads() > before) await new Promise((r) => setTimeout(r, 20));
  });
});
