import { DEFAULT_CATALOGUE } from '../../ledger/domain/purposes';
import { startOfDay } from '../../ledger/domain/time';
import type { PupilContext } from './pupil-decider';
import type { PupilEvent, PupilEventData } from './pupil-events';

/** Shared by the pupil specs: a pupil with two parents, and one line per event they need. */
export const NOW = '2026-03-01T10:00:00.000Z';
export const ctx: PupilContext = { now: NOW, catalogue: DEFAULT_CATALOGUE };
export const PUPIL = 'p-1';
export const MUM = 'g-mum';
export const DAD = 'g-dad';

export const enrolled: Extract<PupilEvent, { type: 'PupilEnrolled' }> = {
  type: 'PupilEnrolled',
  // A date is a Dutch calendar day: 20 August begins at 00:00 Amsterdam, 22:00 UTC the day before.
  occurredAt: '2024-08-19T22:00:00.000Z',
  data: {
    pupilId: PUPIL,
    schoolId: 's-1',
    enrolledOn: '2024-08-20',
    guardians: [
      { guardianId: MUM, relation: 'parent' },
      { guardianId: DAD, relation: 'parent' },
    ],
    personal: null,
  },
};

export const given = (guardianId: string, occurredAt: string, purpose = 'share-library', extra: Partial<PupilEventData['ConsentGiven']> = {}): PupilEvent => ({
  type: 'ConsentGiven',
  occurredAt,
  data: {
    pupilId: PUPIL,
    purpose,
    guardianId,
    noticeVersion: 'v1',
    channel: 'paper',
    validUntil: null,
    yearly: purpose.startsWith('photo') || purpose.startsWith('video'),
    ...extra,
  },
});

export const refused = (guardianId: string, occurredAt: string, purpose = 'share-library'): PupilEvent => ({
  type: 'ConsentRefused',
  occurredAt,
  data: { pupilId: PUPIL, purpose, guardianId },
});

export const withdrawn = (guardianId: string, occurredAt: string, purpose = 'share-library'): PupilEvent => ({
  type: 'ConsentWithdrawn',
  occurredAt,
  data: { pupilId: PUPIL, purpose, guardianId, reason: null },
});

export const left = (leftOn: string): PupilEvent => ({
  type: 'PupilLeft',
  occurredAt: startOfDay(leftOn),
  data: { pupilId: PUPIL, leftOn },
});

export const destroyed = (occurredAt: string): PupilEvent => ({
  type: 'DossierDestroyed',
  occurredAt,
  data: { pupilId: PUPIL, reason: 'erasure_request', retentionEndedOn: null, keyDestroyed: true },
});

export const expireCommand = (consentEventId: string) => ({ type: 'ExpireConsent', pupilId: PUPIL, consentEventId }) as const;

/** The consent commands the decider specs send, with the fixture pupil and purpose unless overridden. */
export const give = (guardianId: string, extra: object = {}) =>
  ({ type: 'GiveConsent', pupilId: PUPIL, purpose: 'share-library', guardianId, noticeVersion: 'v1', channel: 'paper', ...extra }) as const;
export const withdraw = (guardianId: string, extra: object = {}) =>
  ({ type: 'WithdrawConsent', pupilId: PUPIL, purpose: 'share-library', guardianId, reason: null, ...extra }) as const;
