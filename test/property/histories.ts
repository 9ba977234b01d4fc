import fc from 'fast-check';
import type { TimeForm } from './amsterdam-clock';

/**
 * Random histories of a small school: one or two pupils with two guardians each (and the pupil
 * themself, who may turn 16 along the way), decisions typed in out of order, exact repeats,
 * sharings on each legal basis, a processor agreement ended (possibly backdated), departures and
 * destructions — with business times drawn near school-year ends, clock changes, birthdays and
 * retention deadlines, in every form the contract accepts.
 */
export const PURPOSES = ['share-library', 'photo-website'] as const;
export type Purpose = (typeof PURPOSES)[number];

/** Where a business time lies: now, some time before arrival, or right at an edge before arrival. */
export type Back =
  | { readonly mode: 'now' }
  | { readonly mode: 'ago'; readonly ms: number }
  | { readonly mode: 'edge'; readonly pick: number; readonly delta: number }
  /** Just after (or at) a decision already recorded, where withdrawals and late refusals bite. */
  | { readonly mode: 'afterFact'; readonly pick: number; readonly delta: number };

export type End = null | { readonly days: number; readonly dateOnly: boolean };

export type Command =
  | {
      readonly kind: 'give';
      readonly pupil: number;
      readonly decider: number;
      readonly purpose: Purpose;
      readonly back: Back;
      readonly form: TimeForm;
      readonly validUntil: End;
      readonly channel: string;
      readonly notice: string;
    }
  /** `follow`: about the same pupil, decider and purpose as the decision its business time follows (afterFact). */
  | {
      readonly kind: 'refuse' | 'withdraw';
      readonly pupil: number;
      readonly decider: number;
      readonly purpose: Purpose;
      readonly back: Back;
      readonly form: TimeForm;
      readonly follow: boolean;
    }
  | { readonly kind: 'repeat'; readonly pick: number }
  | {
      readonly kind: 'share';
      readonly recipient: 'lib' | 'web' | 'duo' | 'pub';
      readonly pupils: readonly number[];
      readonly back: Back;
      readonly form: TimeForm;
      readonly until: End;
    }
  | { readonly kind: 'endAgreement'; readonly back: Back; readonly dateOnly: boolean }
  | { readonly kind: 'leave'; readonly pupil: number; readonly back: Back; readonly leapDay: boolean }
  | { readonly kind: 'destroy'; readonly pupil: number; readonly reason: 'retention_expired' | 'erasure_request'; readonly back: Back; readonly form: TimeForm }
  | { readonly kind: 'skippedLocalTime'; readonly pupil: number; readonly purpose: Purpose };

export interface PupilSpec {
  readonly birthDate: string | null;
  readonly enrolledOn: string;
}

export interface History {
  readonly pupils: readonly PupilSpec[];
  readonly steps: readonly { readonly wait: number; readonly command: Command }[];
  /** Seeds that pick the moments and record times the answers are compared at. */
  readonly probes: readonly number[];
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const back: fc.Arbitrary<Back> = fc.oneof(
  { arbitrary: fc.constant<Back>({ mode: 'now' }), weight: 2 },
  { arbitrary: fc.integer({ min: 0, max: 120 * DAY }).map<Back>((ms) => ({ mode: 'ago', ms })), weight: 4 },
  {
    arbitrary: fc.record({ pick: fc.nat(), delta: fc.constantFrom(-30 * MINUTE, -1, 0, 1, 30 * MINUTE) }).map<Back>((e) => ({ mode: 'edge', ...e })),
    weight: 4,
  },
  {
    arbitrary: fc.record({ pick: fc.nat(), delta: fc.constantFrom(0, 1, 60 * MINUTE, 3 * DAY, 20 * DAY) }).map<Back>((e) => ({ mode: 'afterFact', ...e })),
    weight: 4,
  },
);
const form = fc.constantFrom<TimeForm>('utc', 'offset', 'local');
const end: fc.Arbitrary<End> = fc.option(fc.record({ days: fc.integer({ min: -10, max: 400 }), dateOnly: fc.boolean() }), { freq: 2 });
const pupil = fc.nat({ max: 1 });
const decider = fc.constantFrom(0, 0, 1, 1, 2); // two guardians, and the pupil themself
const purpose = fc.constantFrom<Purpose>(...PURPOSES);

const command: fc.Arbitrary<Command> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('give' as const),
      pupil,
      decider,
      purpose,
      back,
      form,
      validUntil: end,
      channel: fc.constantFrom('paper', 'app'),
      notice: fc.constantFrom('v1', 'v2'),
    }),
    weight: 16,
  },
  {
    arbitrary: fc.record({ kind: fc.constantFrom('refuse' as const, 'withdraw' as const), pupil, decider, purpose, back, form, follow: fc.boolean() }),
    weight: 16,
  },
  { arbitrary: fc.record({ kind: fc.constant('repeat' as const), pick: fc.nat() }), weight: 4 },
  {
    arbitrary: fc.record({
      kind: fc.constant('share' as const),
      recipient: fc.constantFrom('lib' as const, 'web' as const, 'duo' as const, 'pub' as const),
      pupils: fc.constantFrom([0], [1], [0, 1]),
      back,
      form,
      until: end,
    }),
    weight: 10,
  },
  { arbitrary: fc.record({ kind: fc.constant('endAgreement' as const), back, dateOnly: fc.boolean() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('leave' as const), pupil, back, leapDay: fc.boolean() }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constant('destroy' as const),
      pupil,
      reason: fc.constantFrom('retention_expired' as const, 'erasure_request' as const),
      back,
      form,
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant('skippedLocalTime' as const), pupil, purpose }), weight: 1 },
);

const date = (from: string, days: number) => new Date(Date.parse(`${from}T12:00:00Z`) + days * DAY).toISOString().slice(0, 10);

const pupilSpec: fc.Arbitrary<PupilSpec> = fc.record({
  // 16th birthdays from mid-2025 to the end of 2027: inside the histories' two years.
  birthDate: fc.option(
    fc.integer({ min: 0, max: 900 }).map((d) => date('2009-06-01', d)),
    { freq: 4 },
  ),
  enrolledOn: fc.constantFrom('2021-08-23', '2024-02-29', '2025-08-20'),
});

export const histories: fc.Arbitrary<History> = fc.record({
  pupils: fc.array(pupilSpec, { minLength: 2, maxLength: 2 }),
  steps: fc.array(fc.record({ wait: fc.oneof(fc.integer({ min: MINUTE, max: DAY }), fc.integer({ min: DAY, max: 60 * DAY })), command }), {
    minLength: 4,
    maxLength: 24,
  }),
  probes: fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
});
