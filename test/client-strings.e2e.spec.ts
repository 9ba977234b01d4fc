import { createHash } from 'node:crypto';
import { type LedgerApp, consentBody, enrolBody, startLedger } from './support/ledger-app';

/** Rule 7 for strings a client chooses: an Idempotency-Key is kept only as its SHA-256, a correlation id only as a UUID. */
const KEY = 'formulier-2025-0193-vandijk';
const NOT_A_UUID = 'dossier-Anna-de-Vries';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

let ledger: LedgerApp;
const registrar = () => ledger.as('registrar');

beforeAll(async () => {
  ledger = await startLedger();
  await registrar().post('/pupils', enrolBody('p-1')).expect(201);
});
afterAll(() => ledger.close());

describe('rule 7: client-chosen strings are not stored as given', () => {
  it('keeps only the SHA-256 of an Idempotency-Key, in the event and on disk, and replays by it (rule 10)', async () => {
    const body = consentBody('p-1', 'photo-website');
    const first = await registrar().post('/pupils/p-1/consents', body).set('Idempotency-Key', KEY).expect(201);
    const event = (await ledger.stream('p-1')).at(-1)!;
    expect(event.metadata.idempotencyKeySha256).toBe(sha256(KEY));
    expect(JSON.stringify(event)).not.toContain(KEY);

    const again = await registrar().post('/pupils/p-1/consents', body).set('Idempotency-Key', KEY).expect(201);
    expect(again.body).toEqual(first.body);
    const reused = await registrar().post('/pupils/p-1/consents', consentBody('p-1', 'photo-newsletter')).set('Idempotency-Key', KEY).expect(409);
    expect(reused.body.error).toBe('IDEMPOTENCY.KEY_REUSED');
    expect(JSON.stringify(reused.body)).not.toContain(KEY);
    expect((await ledger.stream('p-1')).filter((e) => e.type === 'ConsentGiven')).toHaveLength(1);

    await registrar().post('/pupils/p-1/dossier-destruction', { reason: 'erasure_request' }).set('Idempotency-Key', `${KEY}-destroy`).expect(201);
    const raw = ledger.rawBytes();
    expect(raw).toContain(sha256(KEY));
    expect(raw).not.toContain(KEY);
  });

  it('replaces a correlation id that is not a UUID by one of its own, and says which', async () => {
    await registrar().post('/pupils', enrolBody('p-2')).expect(201);
    const res = await registrar().post('/pupils/p-2/consents', consentBody('p-2', 'photo-website')).set('X-Correlation-Id', NOT_A_UUID).expect(201);
    const stored = (await ledger.stream('p-2')).at(-1)!.metadata.correlationId;
    expect(stored).toMatch(UUID);
    expect(res.headers['x-correlation-id']).toBe(stored);
    expect(ledger.rawBytes()).not.toContain(NOT_A_UUID);
  });

  it('keeps a correlation id that is a UUID, and makes one when none is sent', async () => {
    const given = '0F8FAD5B-D9CB-469F-A165-70867728950E';
    await registrar().post('/pupils/p-2/consents', consentBody('p-2', 'photo-newsletter')).set('X-Correlation-Id', given).expect(201);
    expect((await ledger.stream('p-2')).at(-1)!.metadata.correlationId).toBe(given.toLowerCase());
    const none = await registrar().post('/pupils/p-2/consents', consentBody('p-2', 'photo-class-page')).expect(201);
    expect(none.headers['x-correlation-id']).toMatch(UUID);
    expect((await ledger.stream('p-2')).at(-1)!.metadata.correlationId).toBe(none.headers['x-correlation-id']);
  });

  it('still refuses an Idempotency-Key that is not a short token, naming the header', async () => {
    const res = await registrar().post('/pupils/p-2/consents/photo-website/refusal', { guardianId: 'p-2-dad' }).set('Idempotency-Key', 'a b').expect(400);
    expect(res.body.details).toEqual([{ field: 'Idempotency-Key', problem: expect.any(String) }]);
  });
});
