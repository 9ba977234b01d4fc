import type { PurposeCatalogue } from '../src/ledger/domain/purposes';
import { type AsOf, type JudgedFact, type PurposeStatus, statusOfKnown } from '../src/pupils/domain/consent-status';
import { ms } from '../src/ledger/domain/time';
import type { PupilConsents } from './pupil-consents.projection';

const NONE: readonly JudgedFact[] = [];

/** One purpose's facts recorded by `knownAt` (all, when absent), still in decision order. */
const known = (pupil: PupilConsents, purpose: string, knownAt?: string): readonly JudgedFact[] => {
  const facts = pupil.purposes.find((p) => p.purpose === purpose)?.facts ?? NONE;
  if (knownAt === undefined) return facts;
  const k = ms(knownAt);
  return facts.filter((f) => ms(f.recordedAt) <= k);
};

/** Every purpose of the catalogue (and any no longer in it) with its status as of (at, knownAt). */
export const consentsAsOf = (pupil: PupilConsents, catalogue: PurposeCatalogue, { at, knownAt }: AsOf): PurposeStatus[] => {
  const purposes = [...new Set([...catalogue.keys(), ...pupil.purposes.map((p) => p.purpose)])];
  return purposes.map((purpose) => statusOfKnown(known(pupil, purpose, knownAt), purpose, pupil.pupilId as string, at));
};

export interface CheckResult {
  readonly pupilId: string;
  readonly allowed: boolean;
  readonly status: PurposeStatus['status'] | 'unknown_pupil' | 'destroyed';
  readonly eventIds: readonly string[];
}

/**
 * The group-photo check: may this purpose rely on each pupil's consent at `at`? Only `active`
 * allows; a pupil the ledger does not know, or whose dossier was destroyed, never does.
 */
export const consentCheck = (pupilId: string, pupil: PupilConsents | undefined, purpose: string, at: string): CheckResult => {
  if (!pupil || pupil.status === 'unknown') return { pupilId, allowed: false, status: 'unknown_pupil', eventIds: [] };
  if (pupil.status === 'destroyed') return { pupilId, allowed: false, status: 'destroyed', eventIds: [] };
  const { status, eventIds } = statusOfKnown(known(pupil, purpose), purpose, pupilId, at);
  return { pupilId, allowed: status === 'active', status, eventIds };
};
