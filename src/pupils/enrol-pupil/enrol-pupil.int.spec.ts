import { HandlerSpec, registrar } from '../../ledger/command-handling/testing/handler-spec';
import type { EncryptedField } from '../../ledger/domain/encrypted';
import { pupilStream } from '../../ledger/domain/streams';
import { enrolled, MUM, PUPIL } from '../domain/pupil-fixtures';
import { EnrolPupilCommand, EnrolPupilHandler, type EnrolPupilAsked } from './enrol-pupil.command';

const asked: EnrolPupilAsked = {
  pupilId: PUPIL,
  schoolId: 's-1',
  enrolledOn: '2024-08-20',
  guardians: [{ guardianId: MUM, relation: 'parent' }],
  personal: { name: 'Sanne de Vries', birthDate: '2016-05-04' },
};

let spec: HandlerSpec;
let handler: EnrolPupilHandler;
beforeEach(() => {
  spec = new HandlerSpec();
  handler = new EnrolPupilHandler(spec.pupils);
});
afterEach(() => spec.close());

const enrol = (command: EnrolPupilAsked = asked) => spec.when(() => handler.execute(new EnrolPupilCommand(command, registrar)));

/** The enrolment of `asked` as a store holds it: personal data sealed under the pupil's key. */
const givenEnrolment = () =>
  spec.given(
    pupilStream(PUPIL),
    [
      {
        ...enrolled,
        data: { ...enrolled.data, guardians: asked.guardians, personal: spec.personal.seal(PUPIL, { name: 'Sanne de Vries', birthDate: '2016-05-04' }) },
      },
    ],
    's-1',
  );

describe('enrolling a pupil (handler)', () => {
  it('records a new pupil once, its personal data sealed under the pupil’s own key, and answers the event', async () => {
    const outcome = await enrol();
    const answer = outcome.thenAppended([
      {
        stream: pupilStream(PUPIL),
        type: 'PupilEnrolled',
        data: { pupilId: PUPIL, schoolId: 's-1', enrolledOn: '2024-08-20', guardians: asked.guardians, personal: expect.objectContaining({}) },
      },
    ]);
    const [event] = outcome.appended;
    expect(answer).toEqual({ pupilId: PUPIL, eventId: event.eventId, position: event.position });
    expect(event.occurredAt).toBe('2024-08-19T22:00:00.000Z');
    expect(event.metadata).toEqual(expect.objectContaining({ schoolId: 's-1', actor: registrar.actor, correlationId: 'corr-1' }));
    // Never in the open in the event; the pupil's key opens it.
    expect(JSON.stringify(event.data)).not.toContain('Sanne');
    expect(spec.personal.open(PUPIL, (event.data as { personal: EncryptedField }).personal)).toEqual({ name: 'Sanne de Vries', birthDate: '2016-05-04' });
  });

  it('answers an exact repeat with the first enrolment and appends nothing', async () => {
    const [first] = await givenEnrolment();
    const answer = (await enrol()).thenNothingAppended();
    expect(answer).toEqual({ pupilId: PUPIL, eventId: first.eventId, position: first.position });
  });

  it('refuses the same pupil with other personal data: 409 PUPIL.ALREADY_ENROLLED naming personal, nothing appended', async () => {
    await givenEnrolment();
    const error = (await enrol({ ...asked, personal: { name: 'Sanne de Vries', birthDate: '2016-05-05' } })).thenRefused('PUPIL.ALREADY_ENROLLED', [
      { field: 'personal' },
    ]);
    expect(error.details.map((d) => d.field)).toEqual(['personal']);
  });

  it('refuses a repeat without the personal data first given: an enrolment is recorded once', async () => {
    await givenEnrolment();
    (await enrol({ ...asked, personal: undefined })).thenRefused('PUPIL.ALREADY_ENROLLED', [{ field: 'personal' }]);
  });
});
