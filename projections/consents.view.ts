import type { PurposeCatalogue } from '../src/ledger/domain/purposes';
import { type AsOf, type PurposeStatus, purposeStatus } from '../src/pupils/domain/consent-status';
import type { PupilState } from '../src/pupils/domain/pupil-state';

/** Every purpose of the catalogue (and any no longer in it) with its status as of (at, knownAt). */
export const consentsAsOf = (pupil: PupilState, catalogue: PurposeCatalogue, asOf: AsOf): PurposeStatus[] => {
  const purposes = [...new Set([...catalogue.keys(), ...pupil.consents.map((f) => f.purpose)])];
  return purposes.map((purpose) => purposeStatus(pupil.consents, purpose, pupil.pupilId as string, asOf));
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
export const consentCheck = (pupilId: string, pupil: PupilState | undefined, purpose: string, at: string): CheckResult => {
  if (!pupil || pupil.status === 'unknown') return { pupilId, allowed: false, status: 'unknown_pupil', eventIds: [] };
  if (pupil.status === 'destroyed') return { pupilId, allowed: false, status: 'destroyed', eventIds: [] };
  const { status, eventIds } = purposeStatus(pupil.consents, purpose, pupilId, { at });
  return { pupilId, allowed: status === 'active', status, eventIds };
};
