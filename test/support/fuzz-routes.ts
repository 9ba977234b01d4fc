import fc from 'fast-check';
import type { Role } from '../../src/auth/roles';
import { DATA_CATEGORIES, DEFAULT_PURPOSES } from '../../src/ledger/domain/purposes';

/**
 * Valid requests for every POST route of the contract, over a small world the fuzz test sets up
 * first (FUZZ_PUPILS enrolled, a consent given, a library and a processor with an agreement). Valid
 * in shape: a rule may still refuse one (a withdrawal without a consent, a sharing without basis),
 * which the fuzz test treats like any other 4xx.
 */
export const FUZZ_PUPILS = ['p-f-0', 'p-f-1', 'p-f-2', 'p-f-3'] as const;
export const FUZZ_RECIPIENTS = { library: 'r-lib', processor: 'r-proc', agreement: 'a-1' } as const;

export interface FuzzRoute {
  /** The route as Swagger names it, to check that every POST route is fuzzed. */
  readonly route: string;
  readonly role: Role;
  /** The path and a valid body (undefined: a POST without a body). */
  readonly request: fc.Arbitrary<{ readonly path: string; readonly body: Record<string, unknown> | undefined }>;
}

/** The clock of the fuzzed ledger: business times are generated up to it. */
export const FUZZ_NOW = '2026-03-01T10:00:00.000Z';

const pad = (n: number) => String(n).padStart(2, '0');
const day = fc.date({ min: new Date('2019-01-01T00:00:00Z'), max: new Date('2026-02-28T00:00:00Z'), noInvalidDate: true });
const dateArb = day.map((d) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`);
const birthDateArb = fc
  .date({ min: new Date('2008-01-01T00:00:00Z'), max: new Date('2021-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const instantArb = fc.oneof(
  day.map((d) => d.toISOString()),
  day.map((d) => `${d.toISOString().slice(0, 19)}+02:00`),
  dateArb,
);
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const idArb = (prefix: string) => fc.integer({ min: 0, max: 40 }).map((n) => `${prefix}-${n}`);
const pupilArb = fc.constantFrom(...FUZZ_PUPILS);
const purposeArb = fc.constantFrom(...DEFAULT_PURPOSES.map((p) => p.purpose));
const categoriesArb = fc.subarray([...DATA_CATEGORIES], { minLength: 1 });
const deciderArb = (pupilId: string) => fc.constantFrom(`${pupilId}-mum`, `${pupilId}-dad`, pupilId, 'g-stranger');
/** Drops the keys whose value is undefined, as a client leaves optional fields out. */
const body = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

const onPupil = <T extends Record<string, unknown>>(suffix: (purpose: string) => string, make: (pupilId: string) => fc.Arbitrary<T>) =>
  fc.tuple(pupilArb, purposeArb).chain(([pupilId, purpose]) => make(pupilId).map((b) => ({ path: `/pupils/${pupilId}${suffix(purpose)}`, body: body(b) })));

export const FUZZ_ROUTES: readonly FuzzRoute[] = [
  {
    route: '/pupils',
    role: 'registrar',
    request: fc
      .record({
        pupilId: opt(idArb('p-new')),
        schoolId: fc.constantFrom('s-1', 's-2'),
        enrolledOn: dateArb,
        guardians: fc.uniqueArray(fc.record({ guardianId: idArb('g'), relation: fc.constantFrom('parent', 'guardian', 'foster-parent', 'other') }), {
          minLength: 1,
          maxLength: 3,
          selector: (g) => g.guardianId,
        }),
        personal: opt(fc.record({ name: fc.string({ minLength: 1, maxLength: 60 }), birthDate: opt(birthDateArb) })),
      })
      .map((b) => ({ path: '/pupils', body: body({ ...b, personal: b.personal && body(b.personal) }) })),
  },
  {
    route: '/pupils/{pupilId}/consents',
    role: 'registrar',
    request: onPupil(
      () => '/consents',
      (p) =>
        fc.record({
          purpose: purposeArb,
          guardianId: deciderArb(p),
          givenAt: opt(instantArb),
          noticeVersion: fc.constantFrom('v2025-1', 'v2026-1'),
          channel: fc.constantFrom('paper', 'app', 'email'),
          validUntil: opt(instantArb),
        }),
    ),
  },
  {
    route: '/pupils/{pupilId}/consents/{purpose}/refusal',
    role: 'registrar',
    request: onPupil(
      (purpose) => `/consents/${purpose}/refusal`,
      (p) => fc.record({ guardianId: deciderArb(p), refusedAt: opt(instantArb) }),
    ),
  },
  {
    route: '/pupils/{pupilId}/consents/{purpose}/withdrawal',
    role: 'registrar',
    request: onPupil(
      (purpose) => `/consents/${purpose}/withdrawal`,
      (p) => fc.record({ guardianId: deciderArb(p), withdrawnAt: opt(instantArb), reason: opt(fc.string({ maxLength: 80 })) }),
    ),
  },
  {
    route: '/pupils/{pupilId}/departure',
    role: 'registrar',
    request: onPupil(
      () => '/departure',
      () => fc.record({ leftOn: dateArb }),
    ),
  },
  {
    route: '/pupils/{pupilId}/dossier-destruction',
    role: 'registrar',
    request: onPupil(
      () => '/dossier-destruction',
      () => fc.record({ reason: fc.constantFrom('retention_expired', 'erasure_request'), destroyedAt: opt(instantArb) }),
    ),
  },
  {
    route: '/recipients',
    role: 'registrar',
    request: fc
      .record({
        recipientId: idArb('r'),
        name: fc.string({ minLength: 1, maxLength: 60 }),
        kind: fc.constantFrom('third_party', 'processor', 'authority'),
        purpose: opt(purposeArb),
        dataCategories: categoriesArb,
      })
      .map((b) => ({ path: '/recipients', body: body(b) })),
  },
  {
    route: '/recipients/{recipientId}/agreements',
    role: 'registrar',
    request: fc
      .record({ agreementId: idArb('a'), validFrom: instantArb, validUntil: opt(instantArb), dataCategories: categoriesArb })
      .map((b) => ({ path: `/recipients/${FUZZ_RECIPIENTS.processor}/agreements`, body: body(b) })),
  },
  {
    route: '/recipients/{recipientId}/agreements/{agreementId}/end',
    role: 'registrar',
    request: fc
      .record({ endedAt: instantArb })
      .map((b) => ({ path: `/recipients/${FUZZ_RECIPIENTS.processor}/agreements/${FUZZ_RECIPIENTS.agreement}/end`, body: b })),
  },
  {
    route: '/data-sharings',
    role: 'registrar',
    request: fc
      .record({
        recipientId: fc.constantFrom(FUZZ_RECIPIENTS.library, FUZZ_RECIPIENTS.processor),
        pupilIds: fc.subarray([...FUZZ_PUPILS], { minLength: 1 }),
        dataCategories: categoriesArb,
        legalBasis: fc.constantFrom('consent', 'legal_obligation', 'processor_agreement'),
        legalReference: opt(fc.string({ minLength: 1, maxLength: 80 })),
        sharedAt: opt(instantArb),
        until: opt(instantArb),
      })
      .map((b) => ({ path: '/data-sharings', body: body(b) })),
  },
  {
    route: '/consent-checks',
    role: 'director',
    request: fc
      .record({ purpose: purposeArb, pupilIds: fc.subarray([...FUZZ_PUPILS], { minLength: 1 }), at: opt(instantArb) })
      .map((b) => ({ path: '/consent-checks', body: body(b) })),
  },
  {
    route: '/purposes',
    role: 'director',
    request: fc
      .record({
        purpose: fc.oneof(idArb('own-purpose'), purposeArb),
        yearly: fc.boolean(),
        dataCategories: categoriesArb,
        labels: fc.record({ nl: fc.string({ minLength: 1, maxLength: 60 }), en: fc.string({ minLength: 1, maxLength: 60 }) }),
      })
      .map((b) => ({ path: '/purposes', body: b })),
  },
  { route: '/audit/checkpoints', role: 'auditor', request: fc.constant({ path: '/audit/checkpoints', body: undefined }) },
];
