import fc from 'fast-check';
import request from 'supertest';
import { KEYS, type LedgerApp, TestClock, consentBody, enrolBody, startLedger } from './support/ledger-app';
import { bodyMutation, wireMutation } from './support/fuzz-mutations';
import { FUZZ_NOW, FUZZ_PUPILS, FUZZ_RECIPIENTS, FUZZ_ROUTES } from './support/fuzz-routes';

/**
 * Hostile input over HTTP against a real ledger on a temporary data directory: valid requests for
 * every POST route, mutated in types, shapes, keys, sizes, times, bytes, encodings and content
 * types. Whatever arrives, the answer is never a 5xx, every error is `{error, message, details}`
 * with a 4xx status, and a refused request appends nothing (the store's head does not move).
 * A fixed seed and a modest number of runs here; LEDGER_FUZZ_RUNS (and LEDGER_FUZZ_SEED) for more.
 * LEDGER_FUZZ_SURVEY=1 runs on past a violation and prints every kind of violation seen, with the
 * tally, before failing: the figures for a report.
 */
const RUNS = Number(process.env.LEDGER_FUZZ_RUNS ?? 300);
const SEED = Number(process.env.LEDGER_FUZZ_SEED ?? 20261001);
const SURVEY = process.env.LEDGER_FUZZ_SURVEY === '1';

let ledger: LedgerApp;
beforeAll(async () => {
  ledger = await startLedger(undefined, new TestClock(FUZZ_NOW));
  const registrar = ledger.as('registrar');
  for (const p of FUZZ_PUPILS) await registrar.post('/pupils', enrolBody(p)).expect(201);
  await registrar.post(`/pupils/${FUZZ_PUPILS[0]}/consents`, consentBody(FUZZ_PUPILS[0], 'share-library', { givenAt: '2025-09-01T09:00' })).expect(201);
  await registrar
    .post('/recipients', {
      recipientId: FUZZ_RECIPIENTS.library,
      name: 'Bibliotheek',
      kind: 'third_party',
      purpose: 'share-library',
      dataCategories: ['identity', 'contact'],
    })
    .expect(201);
  await registrar
    .post('/recipients', { recipientId: FUZZ_RECIPIENTS.processor, name: 'Uitgever', kind: 'processor', dataCategories: ['identity', 'school-results'] })
    .expect(201);
  await registrar
    .post(`/recipients/${FUZZ_RECIPIENTS.processor}/agreements`, {
      agreementId: FUZZ_RECIPIENTS.agreement,
      validFrom: '2025-08-01',
      dataCategories: ['identity'],
    })
    .expect(201);
});
afterAll(() => ledger.close());

interface Tally {
  requests: number;
  fiveHundreds: number;
  appendedByRefusals: number;
  byStatus: Record<number, number>;
  /** In survey mode: one example of each kind of violation. */
  violations: Record<string, string>;
}

describe('fuzzing every POST route', () => {
  it('covers every POST route the ledger serves', async () => {
    const doc = await request(ledger.app.getHttpServer()).get('/docs-json').expect(200);
    const served = Object.entries(doc.body.paths as Record<string, Record<string, unknown>>)
      .filter(([, ops]) => 'post' in ops)
      .map(([path]) => path);
    expect(FUZZ_ROUTES.map((r) => r.route).sort()).toEqual(served.sort());
  });

  it(
    `answers ${RUNS} mutated requests with no 5xx, errors in shape, and nothing appended on a refusal`,
    async () => {
      const tally: Tally = { requests: 0, fiveHundreds: 0, appendedByRefusals: 0, byStatus: {}, violations: {} };
      const server = ledger.app.getHttpServer();
      const route = fc.constantFrom(...FUZZ_ROUTES).chain((r) => r.request.map((req) => ({ role: r.role, ...req })));
      await fc.assert(
        fc.asyncProperty(route, bodyMutation, wireMutation, async (req, mutateBody, mutateWire) => {
          const wire = mutateWire.apply(mutateBody.apply(req.body));
          const before = await ledger.store.head();
          let r = request(server).post(req.path).set('Authorization', `Bearer ${KEYS[req.role]}`);
          for (const [k, v] of Object.entries(wire.headers)) r = r.set(k, v);
          // Bytes go as they are: superagent would otherwise serialise a Buffer as JSON.
          const res = await (wire.payload === undefined ? r : r.serialize((b: unknown) => b as string).send(wire.payload));
          const after = await ledger.store.head();
          tally.requests++;
          tally.byStatus[res.status] = (tally.byStatus[res.status] ?? 0) + 1;
          if (res.status >= 500) tally.fiveHundreds++;
          if (res.status >= 400 && after !== before) tally.appendedByRefusals++;
          const sent = wire.payload?.subarray(0, 200).toString('latin1') ?? '(no body)';
          const context = `${req.path} ${mutateBody.kind} / ${mutateWire.kind}: ${sent} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
          const wrongShape =
            res.status >= 400 && !(typeof res.body?.error === 'string' && typeof res.body?.message === 'string' && Array.isArray(res.body?.details));
          if (SURVEY) {
            const kind =
              res.status >= 500
                ? `${res.status} ${mutateBody.kind.replace(/\d+/g, 'N')} / ${mutateWire.kind}`
                : wrongShape
                  ? 'error shape'
                  : after !== before && res.status >= 400
                    ? 'appended'
                    : '';
            if (kind) tally.violations[kind] ??= context;
            return;
          }
          expect({ context, status: res.status < 500 }).toEqual({ context, status: true });
          if (res.status >= 400) {
            expect({ context, body: res.body }).toEqual({
              context,
              body: { error: expect.any(String), message: expect.any(String), details: expect.any(Array) },
            });
            expect({ context, head: after }).toEqual({ context, head: before });
          }
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
      expect(Object.prototype).toEqual({});
      if (process.env.LEDGER_FUZZ_RUNS || SURVEY) process.stdout.write(`fuzz: ${JSON.stringify(tally, null, 1)}\n`);
      expect({ fiveHundreds: tally.fiveHundreds, appendedByRefusals: tally.appendedByRefusals }).toEqual({ fiveHundreds: 0, appendedByRefusals: 0 });
      // The fuzz must reach the rules too, not only the door: some requests are accepted, some refused by rules.
      expect(Object.keys(tally.byStatus).some((s) => s.startsWith('2'))).toBe(true);
      expect(tally.requests).toBe(RUNS);
      // A guard against a hung request, not a measure: a request takes a few milliseconds.
    },
    60_000 + RUNS * 200,
  );
});
