import { HandlerSpec, registrar } from '../../ledger/command-handling/testing/handler-spec';
import type { EncryptedField } from '../../ledger/domain/encrypted';
import { pupilStream } from '../../ledger/domain/streams';
import { DAD, enrolled, given, MUM, PUPIL } from '../domain/pupil-fixtures';
import { WithdrawConsentCommand, WithdrawConsentHandler, type WithdrawConsentAsked } from './withdraw-consent.command';

const WITHDRAWN_AT = '2026-02-20T08:00:00.000Z';
const asked: WithdrawConsentAsked = { pupilId: PUPIL, purpose: 'share-library', guardianId: MUM, withdrawnAt: WITHDRAWN_AT, reason: 'we moved to Utrecht' };

let spec: HandlerSpec;
let handler: WithdrawConsentHandler;
beforeEach(() => {
  spec = new HandlerSpec();
  handler = new WithdrawConsentHandler(spec.pupils);
});
afterEach(() => spec.close());

const withdraw = (command: WithdrawConsentAsked = asked) => spec.when(() => handler.execute(new WithdrawConsentCommand(command, registrar)));

describe('withdrawing consent (handler)', () => {
  it('records a guardian’s withdrawal of their own consent in force, the reason sealed', async () => {
    await spec.given(pupilStream(PUPIL), [enrolled, given(MUM, '2026-02-01T09:00:00.000Z')], 's-1');
    const outcome = await withdraw();
    const answer = outcome.thenAppended([
      { stream: pupilStream(PUPIL), type: 'ConsentWithdrawn', data: { pupilId: PUPIL, purpose: 'share-library', guardianId: MUM, reason: expect.anything() } },
    ]);
    const [event] = outcome.appended;
    expect(answer).toEqual({ eventId: event.eventId, position: event.position });
    expect(event.occurredAt).toBe(WITHDRAWN_AT);
    expect(JSON.stringify(event.data)).not.toContain('Utrecht');
    expect(spec.personal.open(PUPIL, (event.data as { reason: EncryptedField }).reason)).toBe('we moved to Utrecht');
  });

  it('answers an exact repeat (same moment, same reason) with the first withdrawal and appends nothing', async () => {
    await spec.given(pupilStream(PUPIL), [enrolled, given(MUM, '2026-02-01T09:00:00.000Z')], 's-1');
    const first = (await withdraw()).answer;
    expect((await withdraw()).thenNothingAppended()).toEqual(first);
  });

  it('refuses a guardian whose own consent is not in force (only the other parent’s is): 409 CONSENT.NOT_ACTIVE, nothing appended', async () => {
    await spec.given(pupilStream(PUPIL), [enrolled, given(DAD, '2026-02-01T09:00:00.000Z')], 's-1');
    (await withdraw()).thenRefused('CONSENT.NOT_ACTIVE', [{ field: 'purpose' }]);
  });

  it('refuses a withdrawal dated before the consent was given: 409 CONSENT.NOT_ACTIVE, nothing appended', async () => {
    await spec.given(pupilStream(PUPIL), [enrolled, given(MUM, '2026-02-01T09:00:00.000Z')], 's-1');
    (await withdraw({ ...asked, withdrawnAt: '2026-01-15T08:00:00.000Z' })).thenRefused('CONSENT.NOT_ACTIVE');
  });
});
