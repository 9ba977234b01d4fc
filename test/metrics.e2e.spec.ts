import { type LedgerApp, consentBody, enrolBody, startLedger } from './support/ledger-app';

/** A sample's value from the Prometheus text, by its name and labels as written. */
const sample = (text: string, series: string): number | undefined => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('/metrics', () => {
  let ledger: LedgerApp;
  beforeAll(async () => {
    ledger = await startLedger(undefined, undefined, null, { keys: ['metrics-scoped-system-0123456789:system:s-1'] });
    const registrar = ledger.as('registrar');
    await registrar.post('/pupils', enrolBody('p-m1', { personal: { name: 'Daan Metriek' } })).expect(201);
    await registrar.post('/pupils', enrolBody('p-m2')).expect(201);
    await registrar.post('/pupils', enrolBody('p-m1', { enrolledOn: '2025-09-01' })).expect(409);
    await registrar.post('/pupils/p-m1/consents', consentBody('p-m1', 'share-library')).expect(201);
    await registrar.post('/pupils/p-m1/consents', { ...consentBody('p-m1', 'share-library'), channel: 42 }).expect(400);
    await registrar.post('/pupils/p-m1/consents/share-library/withdrawal', { guardianId: 'p-m1-dad' }).expect(409);
  });
  afterAll(() => ledger.close());

  it('answers system and auditor keys in Prometheus text, and nobody else', async () => {
    for (const role of ['system', 'auditor'] as const) {
      const res = await ledger.as(role).get('/metrics').expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    }
    for (const role of ['registrar', 'director', 'board', 'works-council'] as const) await ledger.as(role).get('/metrics').expect(403);
    await ledger.withKey(undefined).get('/metrics').expect(401);
    // It counts every school's commands: a key that serves some schools only may not read it.
    await ledger.withKey('metrics-scoped-system-0123456789').get('/metrics').expect(403);
  });

  it('counts commands and refusals by command and outcome, and times them', async () => {
    const text = (await ledger.as('system').get('/metrics').expect(200)).text;
    expect(sample(text, 'ledger_commands_total{command="EnrolPupil",outcome="accepted"}')).toBe(2);
    expect(sample(text, 'ledger_commands_total{command="EnrolPupil",outcome="PUPIL.ALREADY_ENROLLED"}')).toBe(1);
    expect(sample(text, 'ledger_commands_total{command="GiveConsent",outcome="accepted"}')).toBe(1);
    expect(sample(text, 'ledger_commands_total{command="GiveConsent",outcome="VALIDATION.INVALID"}')).toBe(1);
    expect(sample(text, 'ledger_commands_total{command="WithdrawConsent",outcome="CONSENT.NOT_ACTIVE"}')).toBe(1);
    expect(sample(text, 'ledger_command_duration_seconds_count{command="EnrolPupil"}')).toBe(3);
    expect(sample(text, 'ledger_http_request_duration_seconds_count{method="POST",route="/pupils",status="201"}')).toBe(2);
  });

  it('says how far the read models trail the log, the store’s size, and nothing of the relay without Kafka', async () => {
    const text = (await ledger.as('auditor').get('/metrics').expect(200)).text;
    await ledger.as('board').get('/reports/board').expect(200); // a query waits for the read models
    const after = (await ledger.as('auditor').get('/metrics').expect(200)).text;
    for (const p of ['pupils', 'recipients', 'sharings']) expect([p, sample(after, `ledger_projection_lag_events{projection="${p}"}`)]).toEqual([p, 0]);
    expect(sample(text, 'ledger_store_bytes{file="events.db"}')).toBeGreaterThan(0);
    expect(sample(text, 'ledger_store_up{store="events"}')).toBe(1);
    expect(text).not.toMatch(/^ledger_relay_lag_events /m);
    expect(sample(text, 'ledger_broker_state{state="off"}')).toBe(1);
    expect(sample(text, 'ledger_broker_state{state="unreachable"}')).toBe(0);
  });

  it('says how many folded stream states the command side keeps, and their estimated bytes within the budget', async () => {
    const text = (await ledger.as('system').get('/metrics').expect(200)).text;
    // The two pupils decided on, at least.
    expect(sample(text, 'ledger_warm_state_streams')).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'ledger_warm_state_bytes')).toBeGreaterThan(0);
    expect(sample(text, 'ledger_warm_state_bytes')).toBeLessThanOrEqual(256 * 2 ** 20);
  });

  it('holds no pupil id and no name', async () => {
    const text = (await ledger.as('auditor').get('/metrics').expect(200)).text;
    expect(text).not.toMatch(/p-m1|p-m2|Daan|Metriek/);
  });
});

describe('/metrics with a Kafka broker that cannot be reached', () => {
  it('says the broker is unreachable and how many events wait for it', async () => {
    const ledger = await startLedger(undefined, undefined, { brokers: ['127.0.0.1:1'], topic: 'consent.events.v1', clientId: 'metrics-test' });
    try {
      await ledger.as('registrar').post('/pupils', enrolBody('p-k1')).expect(201);
      await ledger.as('registrar').post('/pupils', enrolBody('p-k2')).expect(201);
      let text = '';
      while (sample(text, 'ledger_broker_state{state="unreachable"}') !== 1) {
        await new Promise((r) => setTimeout(r, 50));
        text = (await ledger.as('system').get('/metrics').expect(200)).text;
      }
      expect(sample(text, 'ledger_broker_state{state="ok"}')).toBe(0);
      expect(sample(text, 'ledger_relay_lag_events{topic="consent.events.v1"}')).toBe(2);
    } finally {
      await ledger.close();
    }
  });
});
