import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { type LedgerApp, enrolBody, startLedger } from './support/ledger-app';

/** A ledger on a data directory of its own with `n` pupils enrolled; answers the acknowledged event ids. */
const ledgerWith = async (n: number, kafka: Parameters<typeof startLedger>[2] = null) => {
  const ledger = await startLedger(mkdtempSync(join(tmpdir(), 'ledger-faults-')), undefined, kafka);
  const acknowledged: string[] = [];
  for (let i = 0; i < n; i++)
    acknowledged.push(
      (
        await ledger
          .as('registrar')
          .post('/pupils', enrolBody(`p-${i}`, { personal: { name: `Kind ${i}` } }))
          .expect(201)
      ).body.eventId,
    );
  return { ledger, acknowledged };
};

const health = (ledger: LedgerApp, path = '/health') => request(ledger.app.getHttpServer()).get(path);

const until = async <T>(probe: () => Promise<T>, done: (t: T) => boolean): Promise<T> => {
  for (;;) {
    const t = await probe();
    if (done(t)) return t;
    await new Promise((r) => setTimeout(r, 25));
  }
};

const rescuedCopy = (dir: string) => readdirSync(dir).find((f) => /^events\.db\.rescued-/.test(f));

/** What an operator does with a rescued copy: put it in place of the file that was lost. */
const putBack = (dir: string) => {
  for (const stale of ['events.db-wal', 'events.db-shm']) rmSync(join(dir, stale), { force: true });
  renameSync(join(dir, rescuedCopy(dir)!), join(dir, 'events.db'));
};

const eventIds = (dir: string): string[] => {
  const db = new Database(join(dir, 'events.db'), { readonly: true });
  const ids = db.prepare('SELECT event_id FROM events').pluck().all() as string[];
  db.close();
  return ids;
};

describe('/health and /health/ready', () => {
  let ledger: LedgerApp;
  afterEach(() => ledger.close());

  it('answer 200 without a key, with each check and nothing about the data', async () => {
    ({ ledger } = await ledgerWith(2));
    const res = await health(ledger).expect(200);
    expect(res.body).toEqual({
      status: 'ok',
      checks: { store: { status: 'ok' }, keys: { status: 'ok' }, readModels: { status: 'ok' }, kafka: { status: 'off' } },
    });
    expect((await health(ledger, '/health/ready').expect(200)).body).toMatchObject({ status: 'ready' });
    expect(JSON.stringify(res.body)).not.toMatch(/p-\d|\d{2,}/);
  });

  it('say degraded, still 200 and ready, while the Kafka broker cannot be reached', async () => {
    ({ ledger } = await ledgerWith(1, { brokers: ['127.0.0.1:1'], topic: 'consent.events.v1', clientId: 'faults-test' }));
    const res = await until(
      () => health(ledger),
      (r) => r.body.status !== 'ok',
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'degraded', checks: { store: { status: 'ok' }, kafka: { status: 'unreachable' } } });
    await health(ledger, '/health/ready').expect(200);
    // Commands are still acknowledged: the events wait in the log for the broker.
    await ledger.as('registrar').post('/pupils', enrolBody('p-while-kafka-is-down')).expect(201);
  });

  it('say degraded and not ready while the read models cannot be brought up to date, and recover', async () => {
    ({ ledger } = await ledgerWith(1));
    const docs = new Database(join(ledger.dataDir, 'read-models.db'));
    docs.exec("CREATE TRIGGER refuse_docs BEFORE INSERT ON docs BEGIN SELECT RAISE(ABORT, 'refused'); END");
    await ledger.as('registrar').post('/pupils', enrolBody('p-unprojected')).expect(201);
    const res = await until(
      () => health(ledger),
      (r) => r.body.status !== 'ok',
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'degraded', checks: { store: { status: 'ok' }, readModels: { status: 'failing' } } });
    const notReady = await health(ledger, '/health/ready').expect(503);
    expect(notReady.body).toMatchObject({
      error: 'HEALTH.NOT_READY',
      status: 'not_ready',
      details: [expect.objectContaining({ problem: expect.any(String) })],
    });
    docs.exec('DROP TRIGGER refuse_docs');
    docs.close();
    await ledger.as('director').get('/pupils/p-unprojected/consents').expect(200);
    await health(ledger, '/health/ready').expect(200);
    expect((await health(ledger).expect(200)).body.status).toBe('ok');
  });
});

describe('a store file removed or replaced under the running ledger', () => {
  it('removed events.db: every command 503, /health 503 naming it, verify refused; nothing acknowledged lost', async () => {
    const { ledger, acknowledged } = await ledgerWith(4);
    const dir = ledger.dataDir;
    rmSync(join(dir, 'events.db'));
    const refused = await ledger.as('registrar').post('/pupils', enrolBody('p-after')).expect(503);
    expect(refused.body).toEqual({ error: 'STORE.UNAVAILABLE', message: expect.stringContaining('events.db was removed'), details: [expect.any(Object)] });
    await ledger.as('registrar').post('/pupils/p-0/departure', { leftOn: '2026-02-01' }).expect(503);
    const h = await health(ledger).expect(503);
    expect(h.body).toMatchObject({
      error: 'STORE.UNAVAILABLE',
      status: 'unavailable',
      checks: { store: { status: 'lost', reason: expect.stringContaining('events.db was removed') } },
    });
    await health(ledger, '/health/ready').expect(503);
    expect((await ledger.as('auditor').get('/audit/verify').expect(503)).body.error).toBe('STORE.UNAVAILABLE');
    // The reason says where the acknowledged log went, once it is saved.
    await until(
      () => health(ledger),
      (r) => r.body.checks.store.reason.includes('saved to events.db.rescued-'),
    );
    await ledger.close();

    // Not started on the wrong file: the rescued copy is named, with what to do.
    await expect(startLedger(dir)).rejects.toThrow(/events\.db\.rescued-\d{8}T\d{6}Z holds what the ledger had acknowledged/);
    putBack(dir);
    const again = await startLedger(dir);
    expect(eventIds(dir)).toEqual(expect.arrayContaining(acknowledged));
    expect((await again.as('auditor').get('/audit/verify').expect(200)).body).toMatchObject({ ok: true, events: acknowledged.length });
    expect((await again.as('director').get('/pupils/p-3/history').expect(200)).body.events[0].data.personal).toMatchObject({ name: 'Kind 3' });
    await again.as('registrar').post('/pupils', enrolBody('p-after')).expect(201);
    await again.close();
  });

  it('removed WAL only: commands 503; the rescued copy holds what was only in the WAL', async () => {
    const { ledger, acknowledged } = await ledgerWith(3);
    const dir = ledger.dataDir;
    rmSync(join(dir, 'events.db-wal'));
    const refused = await ledger.as('registrar').post('/pupils', enrolBody('p-after')).expect(503);
    // A connection opened after the removal (the checkpoint thread's, late) makes a new empty WAL there: replaced, then.
    expect(refused.body.message).toMatch(/events\.db-wal was (removed|replaced)/);
    await until(
      () => health(ledger),
      (r) => r.body.checks.store.reason.includes('saved to'),
    );
    await ledger.close();
    await expect(startLedger(dir)).rejects.toThrow(/rescued/);
    putBack(dir);
    const again = await startLedger(dir);
    expect((await again.as('auditor').get('/audit/verify').expect(200)).body).toMatchObject({ ok: true, events: acknowledged.length });
    expect(eventIds(dir).sort()).toEqual([...acknowledged].sort());
    await again.close();
  });

  it('events.db replaced by an empty database: commands 503, and the ledger never starts over it, nor over a missing log', async () => {
    const { ledger } = await ledgerWith(2);
    const dir = ledger.dataDir;
    const empty = join(dir, 'empty.db');
    new Database(empty).close();
    renameSync(empty, join(dir, 'events.db'));
    expect((await ledger.as('registrar').post('/pupils', enrolBody('p-after')).expect(503)).body.message).toContain('events.db was replaced by another file');
    await until(
      () => health(ledger),
      (r) => r.body.checks.store.reason.includes('saved to'),
    );
    await ledger.close();
    await expect(startLedger(dir)).rejects.toThrow(/rescued/);
    // Without the rescued copy and without events.db, the rest of the ledger still tells that a log was here.
    rmSync(join(dir, rescuedCopy(dir)!));
    rmSync(join(dir, 'events.db'));
    await expect(startLedger(dir)).rejects.toThrow(/events\.db is missing, but keys\.db.* still there: its log was removed/);
    expect(existsSync(join(dir, 'events.db'))).toBe(false);
  });

  it('refuses to start on a log whose keys.db is missing', async () => {
    const { ledger } = await ledgerWith(1);
    const dir = ledger.dataDir;
    await ledger.close();
    for (const f of ['keys.db', 'keys.db-wal', 'keys.db-shm']) rmSync(join(dir, f), { force: true });
    await expect(startLedger(dir)).rejects.toThrow(/keys\.db is missing while .*events\.db holds events/);
  });

  it('removed keys.db: enrolments with personal data and destructions 503, keys saved beside it', async () => {
    const { ledger } = await ledgerWith(1);
    const dir = ledger.dataDir;
    rmSync(join(dir, 'keys.db'));
    const refused = await ledger
      .as('registrar')
      .post('/pupils', enrolBody('p-named', { personal: { name: 'Anna' } }))
      .expect(503);
    expect(refused.body.message).toContain('keys.db was removed');
    await ledger.as('registrar').post('/pupils/p-0/dossier-destruction', { reason: 'erasure_request' }).expect(503);
    expect((await health(ledger).expect(503)).body.checks.keys).toMatchObject({ status: 'lost' });
    await until(
      () => health(ledger),
      (r) => r.body.checks.keys.reason.includes('saved to keys.db.rescued-'),
    );
    expect(await ledger.stream('p-named')).toEqual([]);
    await ledger.close();
  });

  it('keys.db removed or replaced: every command that seals personal data with a key already made answers 503 and appends nothing', async () => {
    for (const fault of ['removed', 'replaced'] as const) {
      const { ledger } = await ledgerWith(1);
      const dir = ledger.dataDir;
      const registrar = ledger.as('registrar');
      await registrar.post('/pupils/p-0/consents', { purpose: 'share-library', guardianId: 'p-0-mum', noticeVersion: 'v1', channel: 'paper' }).expect(201);
      await registrar.post('/recipients', { recipientId: 'duo', name: 'DUO', kind: 'authority', dataCategories: ['identity'] }).expect(201);
      if (fault === 'removed') rmSync(join(dir, 'keys.db'));
      else {
        copyFileSync(join(dir, 'keys.db'), join(dir, 'keys.db.copy'));
        renameSync(join(dir, 'keys.db.copy'), join(dir, 'keys.db'));
      }
      const before = await ledger.stream('p-0');
      const withdrawal = await registrar.post('/pupils/p-0/consents/share-library/withdrawal', { guardianId: 'p-0-mum', reason: 'verhuisd' }).expect(503);
      expect(withdrawal.body).toMatchObject({ error: 'STORE.UNAVAILABLE', message: expect.stringContaining(`keys.db was ${fault}`) });
      await registrar
        .post('/data-sharings', {
          recipientId: 'duo',
          pupilIds: ['p-0'],
          dataCategories: ['identity'],
          legalBasis: 'legal_obligation',
          legalReference: 'een brief van de inspectie',
        })
        .expect(503);
      expect(await ledger.stream('p-0')).toEqual(before);
      expect((await health(ledger).expect(503)).body.checks.keys).toMatchObject({ status: 'lost', reason: expect.stringContaining(`keys.db was ${fault}`) });
      // A command that seals nothing is not held up by the keys.
      await registrar.post('/pupils/p-0/consents/share-library/withdrawal', { guardianId: 'p-0-mum' }).expect(201);
      await ledger.close();
    }
  });
});

describe('start-up errors name the file and the cause', () => {
  it('a data directory that cannot be made', async () => {
    const base = mkdtempSync(join(tmpdir(), 'ledger-start-'));
    writeFileSync(join(base, 'a-file'), 'x');
    const dir = join(base, 'a-file', 'data');
    await expect(startLedger(dir)).rejects.toThrow(`cannot make the data directory ${dir}: ${join(base, 'a-file')} is a file, not a directory`);
  });

  it('a store file that is not a database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-start-'));
    writeFileSync(join(dir, 'events.db'), 'these are minutes of a meeting, not a ledger\n'.repeat(200));
    await expect(startLedger(dir)).rejects.toThrow(`cannot open ${join(dir, 'events.db')}: the file is not a SQLite database`);
  });
});
