import { Client } from 'pg';
import { describePostgres } from '../../src/store/postgres/testing/postgres-test-database';
import { consentBody, enrolBody } from '../support/ledger-app';
import { type Answer, Instance, eventually } from './instances';

jest.setTimeout(180_000);

const NAME = 'Fenna Bakker';
const PUPILS = Array.from({ length: 6 }, (_, i) => `p-${i + 1}`);
const PURPOSES = ['photo-website', 'share-library'];

interface StoredEvent {
  readonly event_id: string;
  readonly stream: string;
  readonly revision: number;
}

describePostgres('two ledger instances on one PostgreSQL database', (db) => {
  let a: Instance;
  let b: Instance;
  const schema = db.freshSchema();
  const stored = async (): Promise<StoredEvent[]> => {
    const c = new Client({ connectionString: db.url });
    await c.connect();
    try {
      return (await c.query<StoredEvent>(`SELECT event_id, stream, revision FROM ${schema}.events ORDER BY position`)).rows;
    } finally {
      await c.end();
    }
  };

  beforeAll(async () => {
    // One after the other: both make the schema when missing, and the first makes the signing key.
    a = await Instance.start('a', db.url, schema);
    b = await Instance.start('b', db.url, schema);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it('serves commands on both: a pupil enrolled through one is read, names and all, through the other', async () => {
    for (const [i, pupilId] of PUPILS.entries()) {
      const via = i % 2 === 0 ? a : b;
      expect((await via.post('registrar', '/pupils', enrolBody(pupilId, { personal: { name: NAME, birthDate: '2018-03-01' } }))).status).toBe(201);
    }
    for (const pupilId of PUPILS) {
      for (const other of [a, b]) {
        // History reads the shared log and opens the name with the shared key, at once.
        const history = await other.get('director', `/pupils/${pupilId}/history`);
        expect(history.status).toBe(200);
        expect((history.body.events as { data: { personal: unknown } }[])[0].data.personal).toEqual({ name: NAME, birthDate: '2018-03-01' });
      }
    }
  });

  it('never loses or doubles a fact when both decide on the same pupils at once', async () => {
    const before = new Set((await stored()).map((e) => e.event_id));
    const acked = new Map<string, string[]>(PUPILS.map((p) => [p, []]));
    // Either recorded (201), or refused whole after its retries because the stream kept changing (409): nothing half.
    // (Seen on 2 loaded cores: a consent refused so, and then its withdrawal refused as CONSENT.NOT_ACTIVE.)
    const record = (pupilId: string, what: string) => (r: Answer) => {
      // A withdrawal of a consent whose giving was refused so is itself refused: there is nothing to withdraw.
      const nothingToWithdraw = what === 'withdrawal' && !acked.get(pupilId)!.some((a) => a.startsWith(`${PURPOSES[0]}:`));
      if (r.status !== 201)
        expect({ status: r.status, error: r.body.error }).toEqual({ status: 409, error: nothingToWithdraw ? 'CONSENT.NOT_ACTIVE' : 'STORE.CONCURRENT_CHANGE' });
      else acked.get(pupilId)!.push(`${what}:${r.body.eventId as string}`);
      return r;
    };
    // Per pupil, the two instances each give a different consent at once …
    await Promise.all(
      PUPILS.flatMap((pupilId) => [
        a.post('registrar', `/pupils/${pupilId}/consents`, consentBody(pupilId, PURPOSES[0])).then(record(pupilId, PURPOSES[0])),
        b.post('registrar', `/pupils/${pupilId}/consents`, consentBody(pupilId, PURPOSES[1])).then(record(pupilId, PURPOSES[1])),
      ]),
    );
    // … then both send one withdrawal under one Idempotency-Key.
    const withdrawals = await Promise.all(
      PUPILS.flatMap((pupilId) =>
        [a, b].map((via) =>
          via
            .post(
              'registrar',
              `/pupils/${pupilId}/consents/${PURPOSES[0]}/withdrawal`,
              { guardianId: `${pupilId}-mum` },
              { 'idempotency-key': `withdraw-${pupilId}` },
            )
            .then(record(pupilId, 'withdrawal')),
        ),
      ),
    );
    // One key, one fact: where both were answered 201, they name the one event that was recorded.
    for (let i = 0; i < withdrawals.length; i += 2)
      if (withdrawals[i].status === 201 && withdrawals[i + 1].status === 201) expect(withdrawals[i].body.eventId).toBe(withdrawals[i + 1].body.eventId);

    const events = await stored();
    const ids = events.map((e) => e.event_id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const pupilId of PUPILS) {
      const stream = events.filter((e) => e.stream === `pupil-${pupilId}`);
      const mine = new Set(acked.get(pupilId)!.map((a) => a.split(':')[1]));
      // Exactly what was acknowledged was recorded, once: nothing lost, nothing doubled, nothing unacknowledged.
      expect(new Set(stream.filter((e) => !before.has(e.event_id)).map((e) => e.event_id))).toEqual(mine);
      expect(stream.map((e) => e.revision)).toEqual(stream.map((_, i) => i));
    }
    // Each instance's read models catch up with the other's writes.
    for (const via of [a, b])
      for (const pupilId of PUPILS) {
        const what = acked.get(pupilId)!.map((a) => a.split(':')[0]);
        const want = {
          [PURPOSES[0]]: what.includes('withdrawal') ? 'withdrawn' : what.includes(PURPOSES[0]) ? 'active' : 'none',
          [PURPOSES[1]]: what.includes(PURPOSES[1]) ? 'active' : 'none',
        };
        await eventually(`${pupilId}'s consents on instance ${via.name}`, async () => {
          const r = await via.get('director', `/pupils/${pupilId}/consents`);
          const status = Object.fromEntries((r.body.consents as { purpose: string; status: string }[]).map((c) => [c.purpose, c.status]));
          return status[PURPOSES[0]] === want[PURPOSES[0]] && status[PURPOSES[1]] === want[PURPOSES[1]];
        });
      }
    // Most commands got through: the retries resolved the contention (one 409 at most per pupil is the rare case).
    expect([...acked.values()].flat().length).toBeGreaterThanOrEqual(2 * PUPILS.length);
  });

  it('a dossier destroyed through one instance can no longer be opened through the other', async () => {
    const before = await b.get('director', '/pupils/p-1/history');
    expect(JSON.stringify(before.body)).toContain(NAME);
    expect((await a.post('registrar', '/pupils/p-1/dossier-destruction', { reason: 'erasure_request' })).status).toBe(201);
    const after = await b.get('director', '/pupils/p-1/history');
    expect(after.status).toBe(200);
    expect(JSON.stringify(after.body)).not.toContain(NAME);
    expect((after.body.events as { data: { personal: unknown } }[])[0].data.personal).toMatchObject({ shredded: true });
    // And no command on it is taken through the other instance either.
    expect((await b.post('registrar', '/pupils/p-1/consents', consentBody('p-1', PURPOSES[1], { guardianId: 'p-1-dad' }))).body.error).toBe(
      'PUPIL.DOSSIER_DESTROYED',
    );
  });

  it('verifies the one log on both, with checkpoints sealed by either under the one key', async () => {
    const sealedByA = await a.post('auditor', '/audit/checkpoints', {});
    expect(sealedByA.status).toBe(201);
    await b.post('registrar', '/pupils', enrolBody('p-7'));
    expect((await b.post('auditor', '/audit/checkpoints', {})).status).toBe(201);
    const keys = await Promise.all([a, b].map((via) => via.send('GET', 'auditor', '/audit/checkpoints')));
    expect(keys[0].body).toEqual(keys[1].body);
    for (const via of [a, b]) {
      const report = await via.get('auditor', '/audit/verify');
      expect(report.body).toMatchObject({ ok: true, checkpoints: 2, problems: [] });
    }
  });
});
