import type { ErrorDetail } from '../../ledger/domain/errors';
import { purposeStatus } from './consent-status';
import type { SharingTerms } from './pupil-commands';
import type { PupilState } from './pupil-state';

/**
 * Rule 5, the pupil's half: on basis `consent` the pupil must hold active consent for the
 * recipient's purpose at the moment of sharing. The recipient's half lives with the recipient.
 */
export const sharingConsentProblem = (state: PupilState, pupilId: string, terms: SharingTerms): ErrorDetail | null => {
  if (terms.legalBasis !== 'consent' || terms.purpose === null) return null;
  const { status } = purposeStatus(state.consents, terms.purpose, pupilId, { at: terms.sharedAt });
  if (status === 'active') return null;
  return { pupilId, field: 'pupilIds', problem: `consent for ${terms.purpose} is ${status} at ${terms.sharedAt}` };
};
