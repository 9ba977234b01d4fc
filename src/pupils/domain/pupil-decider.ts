import { refuse } from '../../ledger/domain/errors';
import { businessDate, businessTime } from '../../ledger/domain/policies';
import { mustKnowPurpose, type PurposeCatalogue } from '../../ledger/domain/purposes';
import type { EncryptedField } from '../../ledger/domain/encrypted';
import { ms, parseTimeField, startOfDay } from '../../ledger/domain/time';
import type { CommandContext, Decision, Unchanged } from '../../ledger/domain/recorded-event';
import { type ConsentFact, purposeStatus } from './consent-status';
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
import { isPupilThemself, mayDecide, mayDestroyForRetention, mayWithdraw, mustExist } from './pupil-policies';
import { latestFactAt, type PupilState } from './pupil-state';
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
    // Personal data is compared opened (the handler's samePersonal): sealed twice, it never looks the same.
    const samePersonal = c.samePersonal ?? ((recorded: EncryptedField | null) => recorded === null && c.personal === null);
    const differs = [
      s.schoolId === c.schoolId ? null : 'schoolId',
      s.enrolledOn === enrolledOn ? null : 'enrolledOn',
      sameGuardians(s.guardians, c.guardians) ? null : 'guardians',
      samePersonal(s.personal) ? null : 'personal',
    ].filter((f): f is string => f !== null);
    if (differs.length === 0 && s.enrolment) return { unchanged: s.enrolment };
    refuse(
      'PUPIL.ALREADY_ENROLLED',
      `pupil ${c.pupilId} is already enrolled with other details`,
      differs.map((field) => ({ field, problem: 'differs from the recorded enrolment; an enrolment is recorded once' })),
    );
  }
  if (c.guardians.some((g) => g.guardianId === c.pupilId))
    refuse('VALIDATION.INVALID', 'a guardian id equals the pupil id', [{ field: 'guardians', problem: 'must not contain the pupil id' }]);
  const data = { pupilId: c.pupilId, schoolId: c.schoolId, enrolledOn, guardians: c.guardians, personal: c.personal };
  return [{ type: 'PupilEnrolled', occurredAt: startOfDay(enrolledOn), data }];
};

/**
 * Rule 12: a command is an exact repeat only when a recorded decision of the same decider has every
 * field the same (decision, purpose, business time, and the decision's own fields); anything else
 * is a new fact. Answers the first such event.
 */
const exactRepeat = (s: PupilState, kind: ConsentFact['kind'], purpose: string, guardianId: string, at: string, same: (f: ConsentFact) => boolean) =>
  s.consents.find((f) => f.kind === kind && f.purpose === purpose && f.guardianId === guardianId && f.occurredAt === at && same(f));

const unchanged = (f: ConsentFact): Unchanged => ({ unchanged: { eventId: f.eventId, position: f.position } });

const giveConsent = (c: GiveConsent, s: PupilState, ctx: PupilContext): D => {
  mustExist(s, c.pupilId);
  const purpose = mustKnowPurpose(ctx.catalogue, c.purpose);
  const givenAt = businessTime('givenAt', c.givenAt, ctx.now);
  const validUntil = c.validUntil ? parseTimeField('validUntil', c.validUntil) : null;
  if (validUntil && ms(validUntil) <= ms(givenAt))
    refuse('VALIDATION.INVALID', 'validUntil lies before givenAt', [{ field: 'validUntil', problem: 'must be later than givenAt' }]);
  mayDecide(s, c.guardianId, givenAt, c.pupilBirthDate);
  const repeat = exactRepeat(
    s,
    'given',
    c.purpose,
    c.guardianId,
    givenAt,
    (f) => f.noticeVersion === c.noticeVersion && f.channel === c.channel && f.validUntil === validUntil,
  );
  if (repeat) return unchanged(repeat);
  mustNotHaveLeft(s, 'givenAt', givenAt);
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

/**
 * A consent or refusal speaks for the pupil's time at the school: none is taken from the day the
 * pupil left on (`leftOn`, 00:00 Amsterdam time). A withdrawal stays possible (AVG art. 7(3)).
 */
const mustNotHaveLeft = (s: PupilState, field: string, at: string): void => {
  if (s.left && ms(at) >= ms(startOfDay(s.left.leftOn)))
    refuse('PUPIL.ALREADY_LEFT', `pupil ${s.pupilId} left the school on ${s.left.leftOn}`, [
      { field, problem: `must lie before ${s.left.leftOn}, the day the pupil left` },
    ]);
};

/** A refusal is always the decider's right; a refusal dated later than an earlier one is a new fact (rule 12). */
const refuseConsent = (c: RefuseConsent, s: PupilState, ctx: PupilContext): D => {
  mustExist(s, c.pupilId);
  mustKnowPurpose(ctx.catalogue, c.purpose);
  const refusedAt = businessTime('refusedAt', c.refusedAt, ctx.now);
  mayDecide(s, c.guardianId, refusedAt, c.pupilBirthDate);
  const repeat = exactRepeat(s, 'refused', c.purpose, c.guardianId, refusedAt, () => true);
  if (repeat) return unchanged(repeat);
  mustNotHaveLeft(s, 'refusedAt', refusedAt);
  return [{ type: 'ConsentRefused', occurredAt: refusedAt, data: { pupilId: c.pupilId, purpose: c.purpose, guardianId: c.guardianId } }];
};

/**
 * Rule 4: a guardian withdraws only their own consent in force at `withdrawnAt` (also while the
 * purpose is conflicting); the pupil whenever anyone's consent is in force, ending all of them.
 * Judged at `withdrawnAt` with everything known now (rule 12); an exact repeat answers the first.
 */
const withdrawConsent = (c: WithdrawConsent, s: PupilState, ctx: PupilContext): D => {
  mustExist(s, c.pupilId);
  mustKnowPurpose(ctx.catalogue, c.purpose);
  const withdrawnAt = businessTime('withdrawnAt', c.withdrawnAt, ctx.now);
  mayWithdraw(s, c.guardianId);
  const sameReason = c.sameReason ?? ((recorded: EncryptedField | null) => recorded === null && c.reason === null);
  const repeat = exactRepeat(s, 'withdrawn', c.purpose, c.guardianId, withdrawnAt, (f) => sameReason(f.reason));
  if (repeat) return unchanged(repeat);
  const status = purposeStatus(s.consents, c.purpose, c.pupilId, { at: withdrawnAt });
  const own = status.guardians.find((g) => g.guardianId === c.guardianId);
  const inForce = isPupilThemself(s, c.guardianId) ? status.guardians.some((g) => g.decision === 'given') : own?.decision === 'given';
  if (!inForce)
    refuse('CONSENT.NOT_ACTIVE', `${c.guardianId} holds no active consent for ${c.purpose} at ${withdrawnAt}`, [
      {
        field: 'purpose',
        problem: own
          ? `their consent is ${own.decision} at that moment; only a consent in force can be withdrawn`
          : `they recorded no decision standing at that moment (the purpose is ${status.status}); only a consent in force can be withdrawn`,
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
  return [{ type: 'PupilLeft', occurredAt: startOfDay(leftOn), data: { pupilId: c.pupilId, leftOn } }];
};

/** Rule 8: retention expiry is judged at destroyedAt; an erasure request may come at any time. */
const destroyDossier = (c: DestroyDossier, s: PupilState, ctx: PupilContext): D => {
  mustExist(s, c.pupilId);
  const destroyedAt = businessTime('destroyedAt', c.destroyedAt, ctx.now);
  // Rule 13: a destruction ends access from its moment; it cannot precede what is recorded.
  const lastFact = latestFactAt(s);
  if (lastFact !== null && destroyedAt < lastFact)
    refuse('VALIDATION.INVALID', `destroyedAt lies before the last recorded fact of pupil ${c.pupilId}`, [
      { field: 'destroyedAt', problem: `must not be earlier than ${lastFact}, the business time of the pupil's last recorded fact` },
    ]);
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
    c.terms.legalBasis === 'consent' && c.terms.purpose ? purposeStatus(s.consents, c.terms.purpose, c.pupilId, { at: c.terms.sharedAt }).eventIds : [];
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
