import { pupilStream } from '../domain/streams';
import { EnrolPupilCommand, EnrolPupilHandler } from '../../pupils/enrol-pupil/enrol-pupil.command';
import { DAD, enrolled, given, left, MUM, PUPIL, withdrawn } from '../../pupils/domain/pupil-fixtures';
import { GiveConsentCommand, GiveConsentHandler } from '../../pupils/give-consent/give-consent.command';
import { WithdrawConsentCommand, WithdrawConsentHandler } from '../../pupils/withdraw-consent/withdraw-consent.command';
import type { NewEvent } from '../domain/recorded-event';
import { HandlerSpec, registrar } from './testing/handler-spec';

/*
 * Another process appends to the pupil's stream after the handler read it and before its append:
 * the door must decide again on the stream as it is now, never append what it decided on the old one.
 */

let spec: HandlerSpec;
afterEach(() => spec.close());

/** A world where `other` reaches the pupil's stream first, right before the handler's first append. */
const racedBy = async (given: readonly NewEvent[], other: readonly NewEvent[]) => {
  spec = new HandlerSpec({ beforeFirstAppend: async () => void (await spec.given(pupilStream(PUPIL), other, 's-1')) });
  if (given.length > 0) await spec.given(pupilStream(PUPIL), given, 's-1');
};

describe('a concurrent change between read and append (handler)', () => {
  it('refuses a consent once the departure another process recorded meanwhile makes it too late: only that departure is stored', async () => {
    await racedBy([enrolled], [left('2026-02-10')]);
    const consent = { pupilId: PUPIL, purpose: 'share-library', guardianId: MUM, givenAt: '2026-02-15T09:00:00.000Z', noticeVersion: 'v1', channel: 'paper' };
    const outcome = await spec.when(() => new GiveConsentHandler(spec.pupils).execute(new GiveConsentCommand(consent, registrar)));
    expect(outcome.appended.map((e) => e.type)).toEqual(['PupilLeft']);
    expect(() => outcome.answer).toThrow(expect.objectContaining({ code: 'PUPIL.ALREADY_LEFT' }));
  });

  it('refuses a withdrawal once the same guardian’s earlier withdrawal, recorded meanwhile, ended the consent', async () => {
    await racedBy([enrolled, given(MUM, '2026-02-01T09:00:00.000Z'), given(DAD, '2026-02-01T09:00:00.000Z')], [withdrawn(MUM, '2026-02-05T09:00:00.000Z')]);
    const withdrawal = { pupilId: PUPIL, purpose: 'share-library', guardianId: MUM, withdrawnAt: '2026-02-20T09:00:00.000Z' };
    const outcome = await spec.when(() => new WithdrawConsentHandler(spec.pupils).execute(new WithdrawConsentCommand(withdrawal, registrar)));
    expect(outcome.appended.map((e) => [e.type, e.occurredAt])).toEqual([['ConsentWithdrawn', '2026-02-05T09:00:00.000Z']]);
    expect(() => outcome.answer).toThrow(expect.objectContaining({ code: 'CONSENT.NOT_ACTIVE' }));
  });

  it('answers an enrolment with the identical one another process recorded meanwhile, appending nothing of its own', async () => {
    await racedBy([], [enrolled]);
    const { pupilId, schoolId, enrolledOn, guardians } = enrolled.data;
    const outcome = await spec.when(() =>
      new EnrolPupilHandler(spec.pupils).execute(new EnrolPupilCommand({ pupilId, schoolId, enrolledOn, guardians }, registrar)),
    );
    const [theirs] = outcome.appended;
    expect(outcome.appended.map((e) => e.type)).toEqual(['PupilEnrolled']);
    expect(theirs.eventId).toMatch(/^given-/);
    expect(outcome.answer).toEqual({ pupilId, eventId: theirs.eventId, position: theirs.position });
  });

  it('appends a consent decided again on the new state when the change does not touch it', async () => {
    await racedBy([enrolled], [given(DAD, '2026-02-03T09:00:00.000Z')]);
    const consent = { pupilId: PUPIL, purpose: 'share-library', guardianId: MUM, givenAt: '2026-02-15T09:00:00.000Z', noticeVersion: 'v1', channel: 'paper' };
    const outcome = await spec.when(() => new GiveConsentHandler(spec.pupils).execute(new GiveConsentCommand(consent, registrar)));
    expect(outcome.appended.map((e) => [e.type, (e.data as { guardianId: string }).guardianId, e.revision])).toEqual([
      ['ConsentGiven', DAD, 1],
      ['ConsentGiven', MUM, 2],
    ]);
    expect(outcome.answer).toEqual({ eventId: outcome.appended[1].eventId, position: outcome.appended[1].position });
  });
});
