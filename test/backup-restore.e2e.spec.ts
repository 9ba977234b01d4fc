import Database from 'better-sqlite3';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OutgoingMessage } from '../src/publishing/message-publisher.port';
import { Relay } from '../src/publishing/relay';
import { RelayCheckpoint } from '../src/publishing/relay-checkpoint';
import { type LedgerApp, consentBody, enrolBody, startLedger } from './support/ledger-app';
import { runLedger } from './support/ledger-cli';

const tmp = (name: string) => mkdtempSync(join(tmpdir(), `ledger-${name}-`));
const NAME = 'Femke Jansen';

/** The raw key of a pupil in a keys.db, as bytes to search for elsewhere. */
const keyOf = (keysDb: string, pupilId: string): Buffer | undefined => {
  const db = new Database(keysDb, { readonly: true });
  const row = db.prepare('SELECT key FROM pupil_keys WHERE pupil_id = ?').get(pupilId) as { key: Buffer } | undefined;
  db.close();
  return row?.key;
};

/** Every byte of every file in a directory. */
const bytesIn = (dir: string): Buffer => Buffer.concat(readdirSync(dir).map((f) => readFileSync(join(dir, f))));

const eventIds = (dir: string): Set<string> => {
  const db = new Database(join(dir, 'events.db'), { readonly: true });
  const ids = new Set(db.prepare('SELECT event_id FROM events').pluck().all() as string[]);
  db.close();
  return ids;
};

let ledger: LedgerApp;
let source: string;
let backup: string;
let takenAt: string;
/** Acknowledged before the backup began: each must be in it. */
const before: string[] = [];
let after: LedgerApp;

/** The ledger's clock at the wall clock's time: the backup's takenAt is wall-clock time. */
const wallClock = () => (ledger.clock.current = new Date().toISOString());

beforeAll(async () => {
  ledger = await startLedger();
  wallClock();
  source = ledger.dataDir;
  const registrar = () => ledger.as('registrar');
  for (const id of ['a', 'b', 'c'])
    before.push(
      (
        await registrar()
          .post('/pupils', enrolBody(id, { personal: { name: `${NAME} ${id}` } }))
          .expect(201)
      ).body.eventId,
    );
  before.push((await registrar().post('/pupils/c/dossier-destruction', { reason: 'erasure_request' }).expect(201)).body.eventId);
  const relay = new RelayCheckpoint(join(source, 'relay.db'));
  relay.set('consent.events.v1', (await ledger.store.head())!);
  relay.close();

  // The backup is taken while commands keep arriving.
  backup = join(tmp('backup'), 'b');
  let load = true;
  const during: number[] = [];
  const loader = Promise.all(
    [0, 1, 2, 3].map(async (w) => {
      for (let i = 0; load; i++) during.push((await registrar().post('/pupils', enrolBody(`busy-${w}-${i}`, { personal: { name: NAME } }))).status);
    }),
  );
  const taken = await runLedger('--data-dir', source, 'backup', '--out', backup);
  load = false;
  await loader;
  expect(during.length).toBeGreaterThan(0);
  expect(during.every((s) => s === 201)).toBe(true);
  expect(taken.code).toBe(0);
  takenAt = JSON.parse(taken.out).takenAt;

  // After the backup: a destruction of a pupil the backup holds, of one enrolled after it, and more.
  wallClock();
  await registrar().post('/pupils/a/dossier-destruction', { reason: 'erasure_request' }).expect(201);
  await registrar()
    .post('/pupils', enrolBody('late', { personal: { name: NAME } }))
    .expect(201);
  await registrar().post('/pupils/late/dossier-destruction', { reason: 'erasure_request' }).expect(201);
  await registrar().post('/pupils/b/consents', consentBody('b', 'photo-website')).expect(201);
}, 60_000);
afterAll(async () => {
  await ledger.close();
  await after?.close();
});

describe('ledger backup', () => {
  it('holds, consistently, everything acknowledged before it began, and verifies on its own', async () => {
    const ids = eventIds(backup);
    expect([...ids]).toEqual(expect.arrayContaining(before));
    const verified = await runLedger('--data-dir', backup, 'verify', '--json');
    expect(JSON.parse(verified.out)).toMatchObject({ ok: true, events: ids.size });
    const manifest = JSON.parse(readFileSync(join(backup, 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.files).sort()).toEqual(['audit-public-key.pem', 'audit-signing-key.pem', 'events.db', 'keys.db', 'relay.db'].sort());
    expect(manifest.log).toEqual({ head: expect.any(String), events: ids.size });
    // The keys of every pupil the backup's log enrolled are in it, the destroyed one's not.
    expect(keyOf(join(backup, 'keys.db'), 'a')).toBeDefined();
    expect(keyOf(join(backup, 'keys.db'), 'c')).toBeUndefined();
  });

  it('refuses a directory that is not empty', async () => {
    await expect(runLedger('--data-dir', source, 'backup', '--out', backup)).rejects.toThrow('is not empty');
  });
});

describe('ledger restore', () => {
  it('never brings a destroyed pupil’s key back: destroyed again, and recorded again', async () => {
    const listed = await runLedger('--data-dir', source, 'destructions', '--since', takenAt);
    const lines = listed.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.type, l.pupilId])).toEqual([
      ['dossier.destroyed', 'a'],
      ['dossier.destroyed', 'late'],
    ]);
    const list = join(tmp('list'), 'destroyed.jsonl');
    writeFileSync(list, listed.out);
    const keyOfA = keyOf(join(backup, 'keys.db'), 'a')!;

    const target = join(tmp('restored'), 'data');
    const restored = await runLedger('--data-dir', target, 'restore', '--from', backup, '--destroyed', list);
    expect(restored.code).toBe(0);
    const report = JSON.parse(restored.out);
    expect(report).toMatchObject({ takenAt, keysDestroyed: expect.arrayContaining(['a', 'c', 'late']), unknownToTheLog: ['late'] });
    expect(report.recordedAgain).toEqual([{ pupilId: 'a', eventId: expect.any(String) }]);
    expect(restored.err).toContain('checkpoints kept since the backup now report a rollback');
    expect(bytesIn(target).includes(keyOfA)).toBe(false);

    after = await startLedger(target);
    await after.as('registrar').post('/pupils/a/consents', consentBody('a', 'photo-website')).expect(410);
    // Unknown to the restored log, destroyed all the same: it cannot be enrolled back.
    await after.as('registrar').post('/pupils', enrolBody('late')).expect(410);
    const history = await after.as('auditor').get('/pupils/a/history').expect(200);
    expect(history.body.events[0].data.personal).toMatchObject({ shredded: true });
    const proof = (await after.stream('a')).at(-1)!;
    expect(proof).toMatchObject({
      type: 'DossierDestroyed',
      eventId: report.recordedAgain[0].eventId,
      data: { reason: 'erasure_request', keyDestroyed: true },
    });
    expect(proof.metadata.causationId).toBe(lines[0].eventId);
    expect((await after.as('auditor').get('/audit/verify').expect(200)).body).toMatchObject({ ok: true });
    // b's later consent was lost with the rollback; b and the others are as the backup left them.
    expect((await after.as('director').get('/pupils/b/history').expect(200)).body.events.map((e: { type: string }) => e.type)).toEqual(['PupilEnrolled']);
    expect((await after.as('director').get('/pupils/b/history').expect(200)).body.events[0].data.personal).toEqual({ name: `${NAME} b`, birthDate: null });
    await after.close();
  });

  it('takes the same list gathered from the topic’s dossier.destroyed messages', async () => {
    const messages: OutgoingMessage[] = [];
    const relay = new Relay(
      ledger.store,
      { connect: async () => undefined, disconnect: async () => undefined, publish: async (m) => void messages.push(...m) },
      new RelayCheckpoint(join(tmp('relay'), 'relay.db')),
      {
        topic: 'consent.events.v1',
        source: '/consent-ledger',
      },
    );
    await relay.start();
    const total = (await ledger.store.readAll(null, 100_000)).length;
    while (messages.length < total) await new Promise((r) => setTimeout(r, 20));
    await relay.stop();
    // A dump of the whole topic since the backup, every type: the restore reads the destructions from it.
    const dump = join(tmp('dump'), 'topic.jsonl');
    appendFileSync(dump, '# consent.events.v1 from the backup on\n');
    for (const m of messages.filter((m) => Date.parse(m.headers.ce_recordedtime) >= Date.parse(takenAt))) appendFileSync(dump, m.value + '\n');

    const target = join(tmp('restored-kafka'), 'data');
    const restored = await runLedger('--data-dir', target, 'restore', '--from', backup, '--destroyed', dump);
    expect(JSON.parse(restored.out).recordedAgain.map((r: { pupilId: string }) => r.pupilId)).toEqual(['a']);
    expect(restored.err).toMatch(/2 destruction\(s\) read from .* \(\d+ other line\(s\) passed over\)/);
    expect(keyOf(join(target, 'keys.db'), 'a')).toBeUndefined();
  });

  it('refuses a data directory that holds a ledger, a changed backup and a list it cannot read, writing nothing', async () => {
    const empty = join(tmp('list'), 'none.jsonl');
    writeFileSync(empty, '');
    await expect(runLedger('--data-dir', source, 'restore', '--from', backup, '--destroyed', empty)).rejects.toThrow(
      'already holds a ledger (events.db, keys.db)',
    );

    const broken = join(tmp('list'), 'broken.jsonl');
    writeFileSync(
      broken,
      '{"type":"dossier.destroyed","pupilId":"a","reason":"erasure_request","eventId":"e-1","occurredAt":"2026-03-01T10:00:00Z"}\nnot json\n',
    );
    const target = join(tmp('restored-refused'), 'data');
    await expect(runLedger('--data-dir', target, 'restore', '--from', backup, '--destroyed', broken)).rejects.toThrow(`${broken}, line 2 is not JSON`);
    expect(existsSync(target)).toBe(false);

    const changed = tmp('changed');
    for (const f of readdirSync(backup)) writeFileSync(join(changed, f), readFileSync(join(backup, f)));
    const keys = readFileSync(join(changed, 'keys.db'));
    keys[keys.length - 1] ^= 0xff;
    writeFileSync(join(changed, 'keys.db'), keys);
    await expect(runLedger('--data-dir', target, 'restore', '--from', changed, '--destroyed', empty)).rejects.toThrow(
      `${join(changed, 'keys.db')} differs from the backup's manifest`,
    );
    expect(existsSync(target)).toBe(false);
  });
});
