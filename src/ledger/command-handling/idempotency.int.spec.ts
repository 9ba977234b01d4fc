import { pupilStream } from '../domain/streams';
import { enrolled, MUM, PUPIL } from '../../pupils/domain/pupil-fixtures';
import { GiveConsentCommand, GiveConsentHandler, type GiveConsentAsked } from '../../pupils/give-consent/give-consent.command';
import type { CommandMeta } from './command-meta';
import { HandlerSpec, registrar } from './testing/handler-spec';

/** No givenAt: the consent is dated now, so without the key a later request would be a new fact. */
const asked: GiveConsentAsked = { pupilId: PUPIL, purpose: 'share-library', guardianId: MUM, noticeVersion: 'v1', channel: 'paper' };
const withKey = (requestHash: string, scope = 'api-key-1'): CommandMeta => ({ ...registrar, idempotency: { scope, keyHash: 'sha256-of-key-1', requestHash } });

let spec: HandlerSpec;
let handler: GiveConsentHandler;
beforeEach(async () => {
  spec = new HandlerSpec();
  handler = new GiveConsentHandler(spec.pupils);
  await spec.given(pupilStream(PUPIL), [enrolled], 's-1');
});
afterEach(() => spec.close());

const give = (meta: CommandMeta, command: GiveConsentAsked = asked) => spec.when(() => handler.execute(new GiveConsentCommand(command, meta)));

describe('the idempotency key (handler)', () => {
  it('answers the same key with the same request with the first answer, and appends nothing', async () => {
    const first = await give(withKey('request-a'));
    expect(first.appended.map((e) => [e.type, e.metadata.idempotencyKeySha256])).toEqual([['ConsentGiven', 'sha256-of-key-1']]);
    // Later, when the same consent dated now would be a new fact.
    spec.clock.at = '2026-03-01T11:00:00.000Z';
    expect((await give(withKey('request-a'))).thenNothingAppended()).toEqual(first.answer);
    expect((await give(registrar)).appended.map((e) => e.occurredAt)).toEqual(['2026-03-01T11:00:00.000Z']);
  });

  it('refuses the same key with another request: 409 IDEMPOTENCY.KEY_REUSED naming the header, nothing appended', async () => {
    await give(withKey('request-a'));
    (await give(withKey('request-b'), { ...asked, channel: 'app' })).thenRefused('IDEMPOTENCY.KEY_REUSED', [{ field: 'Idempotency-Key' }]);
  });

  it('refuses a reused key even when the other request would be refused for itself', async () => {
    await give(withKey('request-a'));
    (await give(withKey('request-b'), { ...asked, purpose: 'no-such-purpose' })).thenRefused('IDEMPOTENCY.KEY_REUSED');
  });

  it('keeps keys apart per API key: the same key under another API key is a request of its own', async () => {
    const first = await give(withKey('request-a'));
    spec.clock.at = '2026-03-01T11:00:00.000Z';
    const other = await give(withKey('request-a', 'api-key-2'));
    expect(other.appended.map((e) => e.type)).toEqual(['ConsentGiven']);
    expect(other.answer).not.toEqual(first.answer);
  });
});
