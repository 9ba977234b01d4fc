import { HandlerSpec, registrar } from '../../ledger/command-handling/testing/handler-spec';
import { pupilStream } from '../../ledger/domain/streams';
import { enrolled, given, left, MUM, PUPIL } from '../domain/pupil-fixtures';
import { GiveConsentCommand, GiveConsentHandler, type GiveConsentAsked } from './give-consent.command';

const GIVEN_AT = '2026-02-01T09:00:00.000Z';
const asked: GiveConsentAsked = { pupilId: PUPIL, purpose: 'share-library', guardianId: MUM, givenAt: GIVEN_AT, noticeVersion: 'v1', channel: 'paper' };

let spec: HandlerSpec;
let handler: GiveConsentHandler;
beforeEach(() => {
  spec = new HandlerSpec();
  handler = new GiveConsentHandler(spec.pupils);
});
afterEach(() => spec.close());

const give = (command: GiveConsentAsked = asked) => spec.when(() => handler.execute(new GiveConsentCommand(command, registrar)));

describe('giving consent (handler)', () => {
  it('records a guardian’s consent for an enrolled pupil and answers its id and position', async () => {
    await spec.given(pupilStream(PUPIL), [enrolled], 's-1');
    const outcome = await give();
    const answer = outcome.thenAppended([
      {
        stream: pupilStream(PUPIL),
        type: 'ConsentGiven',
        data: { pupilId: PUPIL, purpose: 'share-library', guardianId: MUM, noticeVersion: 'v1', channel: 'paper', validUntil: null, yearly: false },
      },
    ]);
    const [event] = outcome.appended;
    expect(answer).toEqual({ eventId: event.eventId, position: event.position });
    expect([event.occurredAt, event.recordedAt, event.metadata.schoolId]).toEqual([GIVEN_AT, spec.clock.at, 's-1']);
  });

  it('answers an exact repeat with the recorded consent and appends nothing', async () => {
    const [, first] = await spec.given(pupilStream(PUPIL), [enrolled, given(MUM, GIVEN_AT)], 's-1');
    expect((await give()).thenNothingAppended()).toEqual({ eventId: first.eventId, position: first.position });
  });

  it('records the same consent on another notice version as a new fact', async () => {
    await spec.given(pupilStream(PUPIL), [enrolled, given(MUM, GIVEN_AT)], 's-1');
    const outcome = await give({ ...asked, noticeVersion: 'v2' });
    expect(outcome.appended.map((e) => [e.type, (e.data as { noticeVersion: string }).noticeVersion])).toEqual([['ConsentGiven', 'v2']]);
  });

  it('refuses a consent dated on or after the day the pupil left: 409 PUPIL.ALREADY_LEFT naming givenAt, nothing appended', async () => {
    await spec.given(pupilStream(PUPIL), [enrolled, left('2026-01-31')], 's-1');
    (await give()).thenRefused('PUPIL.ALREADY_LEFT', [{ field: 'givenAt' }]);
  });

  it('refuses a pupil the ledger does not know: 404 PUPIL.NOT_FOUND, nothing appended', async () => {
    (await give()).thenRefused('PUPIL.NOT_FOUND');
  });
});
