import { type LedgerApp, consentBody, enrolBody, startLedger } from './support/ledger-app';

let ledger: LedgerApp;
beforeAll(async () => (ledger = await startLedger()));
afterAll(() => ledger.close());

const registrar = () => ledger.as('registrar');

/** A refused command must leave the stream exactly as it was (rule 10). */
const expectNothingAppended = async (pupilId: string, action: () => Promise<unknown>) => {
  const before = await ledger.stream(pupilId);
  await action();
  expect(await ledger.stream(pupilId)).toEqual(before);
};

describe('POST /pupils', () => {
  it('enrols a pupil and answers 201 with its id, event id and position', async () => {
    const res = await registrar().post('/pupils', enrolBody('p-enrol')).expect(201);
    expect(res.body).toEqual({ pupilId: 'p-enrol', eventId: expect.any(String), position: expect.any(String) });
    const [event] = await ledger.stream('p-enrol');
    // A date is a Dutch calendar day: 25 August begins at 00:00 Amsterdam, 22:00 UTC the day before.
    expect(event).toMatchObject({ type: 'PupilEnrolled', eventId: res.body.eventId, occurredAt: '2025-08-24T22:00:00.000Z', recordedAt: ledger.clock.current });
    expect(event.metadata).toMatchObject({ schemaVersion: 1, actor: { role: 'registrar' }, schoolId: 's-1', correlationId: expect.any(String) });
  });

  it('makes a pseudonymous id when none is given', async () => {
    const { pupilId: _, ...body } = enrolBody('x');
    const res = await registrar().post('/pupils', body).expect(201);
    expect(res.body.pupilId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a malformed body with 400 naming every bad field, unknown ones too', async () => {
    const res = await registrar()
      .post('/pupils', { schoolId: 's 1', enrolledOn: '2025-02-30', guardians: [{ guardianId: 'g', relation: 'aunt' }], nickname: 'x' })
      .expect(400);
    expect(res.body.error).toBe('VALIDATION.INVALID');
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['enrolledOn', 'guardians[0].relation', 'nickname', 'schoolId']);
  });

  it('refuses a contradicting second enrolment with 409 and appends nothing', async () => {
    await registrar().post('/pupils', enrolBody('p-twice')).expect(201);
    await expectNothingAppended('p-twice', () =>
      registrar()
        .post('/pupils', enrolBody('p-twice', { schoolId: 's-2' }))
        .expect(409),
    );
  });

  it('answers an exact repeat with the first event and appends nothing', async () => {
    const first = await registrar().post('/pupils', enrolBody('p-repeat')).expect(201);
    const again = await registrar().post('/pupils', enrolBody('p-repeat')).expect(201);
    expect(again.body).toEqual(first.body);
    expect(await ledger.stream('p-repeat')).toHaveLength(1);
  });

  it('compares personal data opened: the same answers are a repeat, other answers 409 naming personal', async () => {
    const anna = { personal: { name: 'Anna de Vries', birthDate: '2018-03-01' } };
    const first = await registrar().post('/pupils', enrolBody('p-personal', anna)).expect(201);
    expect((await registrar().post('/pupils', enrolBody('p-personal', anna)).expect(201)).body).toEqual(first.body);
    for (const other of [{ personal: { name: 'Anna de Wit', birthDate: '2018-03-01' } }, { personal: { name: 'Anna de Vries' } }, {}])
      await expectNothingAppended('p-personal', () =>
        registrar()
          .post('/pupils', enrolBody('p-personal', other))
          .expect(409)
          .expect((r) => expect(r.body).toMatchObject({ error: 'PUPIL.ALREADY_ENROLLED', details: [expect.objectContaining({ field: 'personal' })] })),
      );
    await registrar().post('/pupils', enrolBody('p-no-personal')).expect(201);
    await expectNothingAppended('p-no-personal', () => registrar().post('/pupils', enrolBody('p-no-personal', anna)).expect(409));
  });

  it('refuses an enrolment date in the future with 400', () =>
    registrar()
      .post('/pupils', enrolBody('p-future', { enrolledOn: '2026-04-01' }))
      .expect(400)
      .expect((r) => expect(r.body.details).toEqual([expect.objectContaining({ field: 'enrolledOn' })])));
});

describe('consent commands', () => {
  beforeAll(() => registrar().post('/pupils', enrolBody('p-c')).expect(201));

  it('records a consent, a refusal by the other guardian, and a withdrawal', async () => {
    await registrar()
      .post('/pupils/p-c/consents', consentBody('p-c', 'share-library', { givenAt: '2025-09-01T08:00:00+02:00' }))
      .expect(201);
    await registrar().post('/pupils/p-c/consents/share-library/refusal', { guardianId: 'p-c-dad' }).expect(201);
    await registrar().post('/pupils/p-c/consents/share-library/withdrawal', { guardianId: 'p-c-mum', reason: 'changed our minds' }).expect(201);
    expect((await ledger.stream('p-c')).map((e) => e.type)).toEqual(['PupilEnrolled', 'ConsentGiven', 'ConsentRefused', 'ConsentWithdrawn']);
  });

  it('refuses, with a clear reason and without appending, what the rules refuse', async () => {
    const refusals: [string, object, number, string][] = [
      ['/pupils/p-c/consents', consentBody('p-c', 'share-library', { guardianId: 'g-stranger' }), 409, 'CONSENT.NOT_A_GUARDIAN'],
      ['/pupils/p-c/consents', consentBody('p-c', 'sell-data'), 400, 'VALIDATION.INVALID'],
      ['/pupils/p-c/consents', consentBody('p-c', 'share-library', { guardianId: 'p-c' }), 409, 'CONSENT.PUPIL_TOO_YOUNG'],
      ['/pupils/p-c/consents/share-library/withdrawal', { guardianId: 'p-c-mum' }, 409, 'CONSENT.NOT_ACTIVE'],
      ['/pupils/p-c/consents', consentBody('p-c', 'share-library', { givenAt: '2026-03-02T10:00:00Z' }), 400, 'VALIDATION.FUTURE_TIME'],
      ['/pupils/p-c/departure', { leftOn: '2020-01-01' }, 400, 'VALIDATION.INVALID'],
      ['/pupils/p-nobody/consents', consentBody('p-nobody', 'share-library'), 404, 'PUPIL.NOT_FOUND'],
    ];
    for (const [path, body, status, code] of refusals)
      await expectNothingAppended('p-c', async () => {
        const res = await registrar().post(path, body);
        expect([res.status, res.body.error]).toEqual([status, code]);
        expect(res.body.message).toEqual(expect.any(String));
        expect(res.body.details).toEqual(expect.any(Array));
      });
    expect(await ledger.stream('p-nobody')).toEqual([]);
  });

  it('lets a pupil of 16 consent themself, using the encrypted birth date', async () => {
    await registrar()
      .post('/pupils', enrolBody('p-16', { personal: { name: 'Sem Jansen', birthDate: '2010-02-28' } }))
      .expect(201);
    await registrar()
      .post('/pupils/p-16/consents', consentBody('p-16', 'photo-website', { guardianId: 'p-16' }))
      .expect(201);
  });
});

describe('idempotency (rule 10)', () => {
  beforeAll(() => registrar().post('/pupils', enrolBody('p-idem')).expect(201));

  it('returns the first answer for a repeated key and appends nothing', async () => {
    const body = consentBody('p-idem', 'share-printer');
    const first = await registrar().post('/pupils/p-idem/consents', body).set('Idempotency-Key', 'form-17').expect(201);
    const again = await registrar().post('/pupils/p-idem/consents', body).set('Idempotency-Key', 'form-17').expect(201);
    expect(again.body).toEqual(first.body);
    expect((await ledger.stream('p-idem')).filter((e) => e.type === 'ConsentGiven')).toHaveLength(1);
  });

  it('refuses the same key with a different request with 409', async () => {
    await expectNothingAppended('p-idem', () =>
      registrar()
        .post('/pupils/p-idem/consents', consentBody('p-idem', 'share-library'))
        .set('Idempotency-Key', 'form-17')
        .expect(409)
        .expect((r) => expect(r.body.error).toBe('IDEMPOTENCY.KEY_REUSED')),
    );
  });

  it('scopes keys to the API key: another key may use the same idempotency key', async () => {
    await ledger.as('director').post('/pupils/p-idem/consents', consentBody('p-idem', 'share-library')).set('Idempotency-Key', 'form-17').expect(201);
  });

  it('remembers no refusal: the same key succeeds once the rules allow it', async () => {
    await registrar().post('/pupils/p-idem/consents/photo-website/withdrawal', { guardianId: 'p-idem-mum' }).set('Idempotency-Key', 'w-1').expect(409);
    await registrar().post('/pupils/p-idem/consents', consentBody('p-idem', 'photo-website')).expect(201);
    await registrar().post('/pupils/p-idem/consents/photo-website/withdrawal', { guardianId: 'p-idem-mum' }).set('Idempotency-Key', 'w-1').expect(201);
  });
});

describe('path parameters', () => {
  it('refuses a pupil id or purpose in the path that is not a pseudonymous token', async () => {
    const res = await registrar().post('/pupils/Anna%20de%20Vries/consents/Photo%20Website/refusal', { guardianId: 'g-1' }).expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['pupilId', 'purpose']);
    await registrar().post('/pupils/p-c/consents/Photo%20Website/refusal', { guardianId: 'g-1' }).expect(400);
  });
});

describe('departure', () => {
  it('records that the pupil left, once', async () => {
    await registrar().post('/pupils', enrolBody('p-left')).expect(201);
    await registrar().post('/pupils/p-left/departure', { leftOn: '2026-02-01' }).expect(201);
    await expectNothingAppended('p-left', () => registrar().post('/pupils/p-left/departure', { leftOn: '2026-02-02' }).expect(409));
  });

  it('refuses a consent or a refusal dated on or after the day the pupil left with 409 PUPIL.ALREADY_LEFT; one before it is recorded', async () => {
    await registrar().post('/pupils', enrolBody('p-gone')).expect(201);
    await registrar().post('/pupils/p-gone/departure', { leftOn: '2026-02-01' }).expect(201);
    const alreadyLeft = (field: string) => (r: { body: unknown }) =>
      expect(r.body).toEqual({
        error: 'PUPIL.ALREADY_LEFT',
        message: 'pupil p-gone left the school on 2026-02-01',
        details: [{ field, problem: 'must lie before 2026-02-01, the day the pupil left' }],
      });
    await expectNothingAppended('p-gone', async () => {
      await registrar().post('/pupils/p-gone/consents', consentBody('p-gone', 'share-library')).expect(409).expect(alreadyLeft('givenAt'));
      await registrar()
        .post('/pupils/p-gone/consents', consentBody('p-gone', 'share-library', { givenAt: '2026-02-01T00:00:00+01:00' }))
        .expect(409)
        .expect(alreadyLeft('givenAt'));
      await registrar()
        .post('/pupils/p-gone/consents/photo-website/refusal', { guardianId: 'p-gone-dad', refusedAt: '2026-02-10T09:00' })
        .expect(409)
        .expect(alreadyLeft('refusedAt'));
    });
    await registrar()
      .post('/pupils/p-gone/consents', consentBody('p-gone', 'share-library', { givenAt: '2026-01-31T23:59:59+01:00' }))
      .expect(201);
  });
});
