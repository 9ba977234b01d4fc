import { HandlerSpec, registrar } from '../../ledger/command-handling/testing/handler-spec';
import type { EncryptedField } from '../../ledger/domain/encrypted';
import { pupilStream } from '../../ledger/domain/streams';
import { statusOf } from '../../http/error-status';
import { enrolled, given, left, MUM, PUPIL } from '../domain/pupil-fixtures';
import { GiveConsentCommand, GiveConsentHandler } from '../give-consent/give-consent.command';
import { DestroyDossierCommand, DestroyDossierHandler, type DestroyDossierAsked } from './destroy-dossier.command';

const erasure: DestroyDossierAsked = { pupilId: PUPIL, reason: 'erasure_request' };

/** What was true of the pupil at the moment the proof was about to be appended. */
interface Seen {
  readonly intents: readonly string[];
  readonly keyDestroyed: boolean;
  readonly streamTypes: readonly string[];
}

let spec: HandlerSpec;
let seen: Seen | undefined;
let personal: EncryptedField;
beforeEach(async () => {
  seen = undefined;
  // Looks, without writing, at the key store and the stream right before the handler's append.
  spec = new HandlerSpec({
    beforeFirstAppend: async (store) => {
      seen = {
        intents: spec.keys.pendingIntents().map((i) => i.pupilId),
        keyDestroyed: spec.keys.isDestroyed(PUPIL),
        streamTypes: (await store.readStream(pupilStream(PUPIL))).events.map((e) => e.type),
      };
    },
  });
  personal = spec.personal.seal(PUPIL, { name: 'Sanne de Vries' });
  await spec.given(pupilStream(PUPIL), [{ ...enrolled, data: { ...enrolled.data, personal } }, given(MUM, '2026-02-01T09:00:00.000Z')], 's-1');
});
afterEach(() => spec.close());

const destroy = (command: DestroyDossierAsked = erasure) =>
  spec.when(() => new DestroyDossierHandler(spec.shredder).execute(new DestroyDossierCommand(command, registrar)));

describe('destroying a dossier (handler)', () => {
  it('records the intent, destroys the pupil’s key, then appends the proof and clears the intent', async () => {
    const outcome = await destroy();
    const answer = outcome.thenAppended([
      { stream: pupilStream(PUPIL), type: 'DossierDestroyed', data: { pupilId: PUPIL, reason: 'erasure_request', retentionEndedOn: null, keyDestroyed: true } },
    ]);
    const [proof] = outcome.appended;
    expect(answer).toEqual({ eventId: proof.eventId, position: proof.position });
    expect(proof.occurredAt).toBe(spec.clock.at);
    // Before the proof: the intent recorded and the key gone, the stream still without the proof.
    expect(seen).toEqual({ intents: [PUPIL], keyDestroyed: true, streamTypes: ['PupilEnrolled', 'ConsentGiven'] });
    // After it: no intent left, and what was sealed under the key reads as shredded.
    expect(spec.keys.pendingIntents()).toEqual([]);
    expect(spec.keys.keyFor(PUPIL, false)).toBeNull();
    expect(spec.personal.open(PUPIL, personal)).toEqual(expect.objectContaining({ shredded: true }));
  });

  it('answers every later command on the pupil with 410 PUPIL.DOSSIER_DESTROYED and appends nothing', async () => {
    await destroy();
    const consent = new GiveConsentCommand({ pupilId: PUPIL, purpose: 'photo-website', guardianId: MUM, noticeVersion: 'v1', channel: 'paper' }, registrar);
    const refused = (await spec.when(() => new GiveConsentHandler(spec.pupils).execute(consent))).thenRefused('PUPIL.DOSSIER_DESTROYED');
    expect(statusOf(refused.code)).toBe(410);
    (await destroy()).thenRefused('PUPIL.DOSSIER_DESTROYED');
  });

  it('refuses a destruction for retention before it ended, and leaves the key and nothing else behind', async () => {
    await spec.given(pupilStream(PUPIL), [left('2025-07-01')], 's-1');
    (await destroy({ ...erasure, reason: 'retention_expired' })).thenRefused('RETENTION.NOT_EXPIRED');
    expect(seen).toBeUndefined();
    expect([spec.keys.isDestroyed(PUPIL), spec.keys.pendingIntents()]).toEqual([false, []]);
    expect(spec.personal.open(PUPIL, personal)).toEqual({ name: 'Sanne de Vries' });
  });
});
