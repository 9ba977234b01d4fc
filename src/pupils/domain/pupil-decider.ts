import { refuse } from '../../ledger/domain/errors';
import { businessDate, businessTime } from '../../ledger/domain/policies';
import type { PurposeCatalogue } from '../../ledger/domain/purposes';
import { toInstant } from '../../ledger/domain/time';
import type { CommandContext, Decision } from '../../ledger/domain/recorded-event';
import { purposeStatus } from './consent-status';
import type {
  DestroyDossier,
  EnrolPupil,
  ExpireConsent,
  GiveConsent,
  PupilCommand,
  RecordDeparture,
  RecordSharing,
  RefuseConsent,
  WithdrawConsent,
} from './pupil-commands';
import { dueExpiries } from './expiry-policy';
import type { PupilEvent } from './pupil-events';
import {
  isPupilThemself,
  mayDecide,
  mayDestroyForRetention,
  mayWithdraw,
  mustExist,
  mustKnowPurpose,
} from './pupil-policies';
import type { PupilState } from './pupil-state';
import { sharingConsentProblem } from './sharing-policy';

export interface PupilContext extends CommandContext {
  readonly catalogue: PurposeCatalogue;
}

type D = Decision<PupilEvent>;

const sameGuardians = (a: EnrolPupil['guardians'], b: EnrolPupil['guardians']) =>
  a.length === b.length && a.every((g, i) => g.guardianId === b[i].guardianId && g.relation === b[i].relation);

const enrol = (c: EnrolPupil, s: PupilState, ctx: PupilContext): D => {
  if (s.status === 'destroyed') mustExist(s, c.pupilId);
  const enrolledOn = businessDate('enrolledOn', c.enrolledOn, ctx.now);
  if (s.status === 'enrolled') {
    if (s.schoolId === c.schoolId && s.enrolledOn === enrolledOn && sameGuardians(s.guardians, c.guardians) && s.enrolment)
      return { unchanged: s.enrolment };
    refuse('PUPIL.ALREADY_ENROLLED', `pupil ${c.pupilId} is already enrolled with other details`);
  }
  if (c.guardians.some((g) => g.guardianId === c.pupilId))
    refuse('VALIDATION.INVALID', 'a guardian id equals the pupil id', [{ field: 'guardians', problem: 'must not contain the pupil id' }]);
  const data = { pupilId: c.pupilId, schoolId: c.schoolId, enrolledOn, guardians: c.guardians, personal: c.personal };
  return [{ type: 'PupilEnrolled', occurredAt: `${enrolledOn}T00:00:00.000Z`, data }];
};

/** The guardian's own latest decision on a purpose, in stream order. */
const lastDecision = (s: PupilState, purpose: string, guardianId: string) =>
  [...s.consents].reverse().find((f) => f.purpose === purpose && f.guardianId === guardianId);

const giveConsent = (c: GiveConsent, s: PupilState, ctx: PupilContext): D => {
  mustExist(s, c.pupilId);
  const purpose = mustKnowPurpose(ctx.catalogue, c.purpose);
  const givenAt = businessTime('givenAt', c.givenAt, ctx.now);
  const validUntil = c.validUntil ? toInstant(c.validUntil) : null;
  if (validUntil && validUntil <= givenAt)
    refuse('VALIDATION.INVALID', 'validUntil lies before givenAt', [{ field: 'validUntil', problem: 'must be later than givenAt' }]);
  mayDecide(s, c.guardianId, givenAt, c.pupilBirthDate);
  const last = lastDecision(s, c.purpose, c.guardianId);
  if (last?.kind === 'given' && last.occurredAt === givenAt && last.noticeVersion === c.noticeVersion)
    return { unchanged: { eventId: last.eventId, position: last.position } };
  const data = {
    pupilId: c.pupilId,
    purpose: c.purpose,
    guardianId: c.guardianId,
    noticeVersion: c.noticeVersion,
    channel: c.channel,
    validUntil,
    yearly: purpose.yearly,
  };
  return [{ type: 'ConsentGiven', occurredAt: givenAt, data }];
};

const refuseConsent = (c: RefuseConsent, s: PupilState, ctx: PupilContext): D => {
  mustExist(s, c.pupilId);
  mustKnowPurpose(ctx.catalogue, c.purpose);
  const refusedAt = businessTime('refusedAt', c.refusedAt, ctx.now);
  mayDecide(s, c.guardianId, refusedAt, c.pupilBirthDate);
  const last = lastDecision(s, c.purpose, c.guardianId);
  if (last?.kind === 'refused') return { unchanged: { eventId: last.eventId, position: last.position } };
  return [{ type: 'ConsentRefused', occurredAt: refusedAt, data: { pupilId: c.pupilId, purpose: c.purpose, guardianId: c.guardianId } }];
};

/** Rule 4: only what is active can be withdrawn; the pupil's own withdrawal ends the whole purpose. */
const withdrawConsent = (c: WithdrawConsent, s: PupilState, ctx: PupilContext): D => {
  mustExist(s, c.pupilId);
  mustKnowPurpose(ctx.catalogue, c.purpose);
  const withdrawnAt = businessTime('withdrawnAt', c.withdrawnAt, ctx.now);
  mayWithdraw(s, c.guardianId);
  const status = purposeStatus(s.consents, c.purpose, c.pupilId, { at: withdrawnAt });
  const own = status.guardians.find((g) => g.guardianId === c.guardianId);
  const active = isPupilThemself(s, c.guardianId)
    ? status.status === 'active' || status.status === 'conflicting' || own?.decision === 'given'
    : own?.decision === 'given';
  if (!active)
    refuse('CONSENT.NOT_ACTIVE', `${c.guardianId} holds no active consent for ${c.purpose} at ${withdrawnAt}`, [
      {
        field: 'purpose',
        problem: own
          ? `their consent is ${own.decision}; only an active consent can be withdrawn`
          : `they recorded no decision (the purpose is ${status.status}); only an active consent can be withdrawn`,
      },
    ]);
  const data = { pupilId: c.pupilId, purpose: c.purpose, guardianId: c.guardianId, reason: c.reason };
  return [{ type: 'ConsentWithdrawn', occurredAt: withdrawnAt, data }];
};

/** Announces a lapse once, at the moment it happened; a lapse that did not happen is refused. */
const expireConsent = (c: ExpireConsent, s: PupilState, ctx: PupilContext): D => {
  mustExist(s, c.pupilId);
  const announced = s.expired[c.consentEventId];
  if (announced) return { unchanged: announced };
  const lapse = dueExpiries(s, ctx.now).find((f) => f.eventId === c.consentEventId);
  if (!lapse)
    refuse('CONSENT.NOT_LAPSED', `consent ${c.consentEventId} of pupil ${c.pupilId} has not lapsed by itself`, [
      { field: 'consentEventId', problem: 'must be a consent that reached its end while it still stood' },
    ]);
  const { purpose, guardianId, endsAt } = lapse!;
  return [{ type: 'ConsentExpired', occurredAt: endsAt as string, data: { pupilId: c.pupilId, purpose, guardianId, consentEventId: c.consentEventId } }];
};

const recordDeparture = (c: RecordDeparture, s: PupilState, ctx: PupilContext): D => {
  mustExist(s, c.pupilId);
  const leftOn = businessDate('leftOn', c.leftOn, ctx.now);
  if (s.left?.leftOn === leftOn) return { unchanged: s.left };
  if (s.left) refuse('PUPIL.ALREADY_LEFT', `pupil ${c.pupilId} already left on ${s.left.leftOn}`);
  if (s.enrolledOn && leftOn < s.enrolledOn)
    refuse('VALIDATION.INVALID', 'leftOn lies before the enrolment', [{ field: 'leftOn', problem: `must be on or after ${s.enrolledOn}` }]);
  return [{ type: 'PupilLeft', occurredAt: `${leftOn}T00:00:00.000Z`, data: { pupilId: c.pupilId, leftOn } }];
};

/** Rule 8: retention expiry is judged at destroyedAt; an erasure request may come at any time. */
const destroyDossier = (c: DestroyDossier, s: PupilState, ctx: PupilContext): D => {
  mustExist(s, c.pupilId);
  const destroyedAt = businessTime('destroyedAt', c.destroyedAt, ctx.now);
  const retentionEndedOn = c.reason === 'retention_expired' ? mayDestroyForRetention(s, destroyedAt) : null;
  const data = { pupilId: c.pupilId, reason: c.reason, retentionEndedOn, keyDestroyed: true as const };
  return [{ type: 'DossierDestroyed', occurredAt: destroyedAt, data }];
};

const recordSharing = (c: RecordSharing, s: PupilState): D => {
  mustExist(s, c.pupilId);
  const already = s.sharings[c.sharingId];
  if (already) return { unchanged: already };
  const problem = sharingConsentProblem(s, c.pupilId, c.terms);
  if (problem) refuse('CONSENT.MISSING_FOR_SHARING', `pupil ${c.pupilId} lacks consent for this sharing`, [problem]);
  const consentEventIds =
    c.terms.legalBasis === 'consent' && c.terms.purpose
      ? purposeStatus(s.consents, c.terms.purpose, c.pupilId, { at: c.terms.sharedAt }).eventIds
      : [];
  const { sharedAt, ...terms } = c.terms;
  return [{ type: 'DataShared', occurredAt: sharedAt, data: { pupilId: c.pupilId, sharingId: c.sharingId, ...terms, consentEventIds } }];
};

export const decidePupil = (command: PupilCommand, state: PupilState, ctx: PupilContext): D => {
  switch (command.type) {
    case 'EnrolPupil':
      return enrol(command, state, ctx);
    case 'GiveConsent':
      return giveConsent(command, state, ctx);
    case 'RefuseConsent':
      return refuseConsent(command, state, ctx);
    case 'WithdrawConsent':
      return withdrawConsent(command, state, ctx);
    case 'ExpireConsent':
      return expireConsent(command, state, ctx);
    case 'RecordDeparture':
      return recordDeparture(command, state, ctx);
    case 'DestroyDossier':
      return destroyDossier(command, state, ctx);
    case 'RecordSharing':
      return recordSharing(command, state);
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
};
