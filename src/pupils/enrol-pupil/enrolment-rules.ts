import { registerDecorator, type ValidationArguments } from 'class-validator';

/** How old a pupil may be on the day of enrolment, in whole years: older than this is a typing error. */
export const MAX_AGE_AT_ENROLMENT_YEARS = 30;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The same calendar day `years` years earlier, as YYYY-MM-DD (compared as text, so 29 February needs no care). */
const yearsBefore = (date: string, years: number) => `${String(Number(date.slice(0, 4)) - years).padStart(4, '0')}${date.slice(4)}`;

/**
 * A birth date must be plausible for the enrolment it comes with: on or before `enrolledOn` (which
 * the decider holds to today at the latest, so never in the future) and at most
 * {@link MAX_AGE_AT_ENROLMENT_YEARS} years before it. Checked on `personal`, named as `personal.birthDate`.
 */
export const PlausibleBirthDate = () => (target: object, property: string) =>
  registerDecorator({
    name: 'plausibleBirthDate',
    target: target.constructor,
    propertyName: property,
    options: {
      context: { field: 'birthDate' },
      message: (a: ValidationArguments) => `${a.property} must lie on or before enrolledOn and at most ${MAX_AGE_AT_ENROLMENT_YEARS} years before it`,
    },
    validator: {
      validate: (personal: unknown, a: ValidationArguments) => {
        const birthDate = (personal as { birthDate?: unknown } | null)?.birthDate;
        const enrolledOn = (a.object as { enrolledOn?: unknown }).enrolledOn;
        // Malformed dates are named by their own fields' rules.
        if (typeof birthDate !== 'string' || typeof enrolledOn !== 'string' || !DATE.test(birthDate) || !DATE.test(enrolledOn)) return true;
        return birthDate <= enrolledOn && birthDate >= yearsBefore(enrolledOn, MAX_AGE_AT_ENROLMENT_YEARS);
      },
    },
  });

const guardianIds = (guardians: unknown): unknown[] =>
  Array.isArray(guardians) ? guardians.map((g) => (g !== null && typeof g === 'object' ? (g as { guardianId?: unknown }).guardianId : undefined)) : [];

/** Each guardian is listed once (issue 10: a duplicate was stored twice). */
export const DistinctGuardians = () => (target: object, property: string) =>
  registerDecorator({
    name: 'distinctGuardians',
    target: target.constructor,
    propertyName: property,
    options: { message: '$property must not name the same guardianId twice' },
    validator: {
      validate: (guardians: unknown) => {
        const ids = guardianIds(guardians).filter((id) => id !== undefined);
        return new Set(ids).size === ids.length;
      },
    },
  });

/** A pupil is not their own guardian: from 16 they act for themself under their pupil id (rule 1). */
export const GuardiansOtherThanPupil = () => (target: object, property: string) =>
  registerDecorator({
    name: 'guardiansOtherThanPupil',
    target: target.constructor,
    propertyName: property,
    options: { message: '$property must not name the pupil (pupilId) as a guardian' },
    validator: {
      validate: (guardians: unknown, a: ValidationArguments) => {
        const pupilId = (a.object as { pupilId?: unknown }).pupilId;
        return pupilId === undefined || !guardianIds(guardians).includes(pupilId);
      },
    },
  });
