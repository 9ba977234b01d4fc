import { DomainError } from '../../ledger/domain/errors';
import { record } from '../../ledger/domain/testing/decider-spec';
import { ctx, DAD, enrolled, given, MUM, NOW, PUPIL, withdrawn } from '../../pupils/domain/pupil-fixtures';
import type { PupilEvent } from '../../pupils/domain/pupil-events';
import { evolvePupil, initialPupilState } from '../../pupils/domain/pupil-state';
import type { RecipientEvent } from '../../recipients/domain/recipient-events';
import { evolveRecipient, initialRecipientState } from '../../recipients/domain/recipient-state';
import { decideSharing, type ShareData, type SharingStates } from './sharing-decider';

/** A second pupil: the fixture pupil's events under another id. */
const as = (pupilId: string, events: readonly PupilEvent[]) => events.map((e) => ({ ...e, data: { ...e.data, pupilId } }) as PupilEvent);
const pupil = (...events: PupilEvent[]) => record(events).reduce((s, e) => evolvePupil(s, e as never), initialPupilState);
const library: RecipientEvent = {
  type: 'RecipientRegistered',
  occurredAt: NOW,
  data: { recipientId: 'lib', name: 'Bibliotheek', kind: 'third_party', purpose: 'share-library', dataCategories: ['identity'] },
};
const recipient = record([library]).reduce((s, e) => evolveRecipient(s, e as never), initialRecipientState);

const share = (pupilIds: string[], extra: Partial<ShareData> = {}): ShareData => ({
  type: 'ShareData',
  sharingId: 'sh-1',
  recipientId: 'lib',
  pupilIds,
  dataCategories: ['identity'],
  legalBasis: 'consent',
  sealLegalReference: () => ({ v: 1, iv: 'iv', tag: 'tag', data: 'sealed' }) as never,
  isShredding: () => false,
  ...extra,
});

/** given(the recipient's and the pupils' states).when(a sharing).then(its decision) */
const givenStates = (pupils: SharingStates['pupils']) => ({
  when: (c: ShareData) => {
    const run = () => decideSharing(c, { recipient, pupils }, ctx);
    return {
      then: (expected: object) => expect(run()).toEqual(expected),
      thenRefused: (code: string, pupilIds: string[]) => {
        let caught: unknown;
        try {
          run();
        } catch (e) {
          caught = e;
        }
        expect(caught).toBeInstanceOf(DomainError);
        expect([(caught as DomainError).code, (caught as DomainError).details.map((d) => d.pupilId)]).toEqual([code, pupilIds]);
      },
    };
  },
});

const consenting = pupil(enrolled, given(MUM, '2025-09-01T08:00:00.000Z'));
const other = pupil(...as('p-2', [enrolled, given(DAD, '2025-09-01T08:00:00.000Z')]));
const withdrawnPupil = pupil(...as('p-3', [enrolled, given(MUM, '2025-09-01T08:00:00.000Z'), withdrawn(MUM, '2025-10-01T08:00:00.000Z')]));

describe('a sharing over the recipient and its pupils (rule 5)', () => {
  it('records one DataShared per pupil, for that pupil’s stream and school', () =>
    givenStates([consenting, other])
      .when(share([PUPIL, 'p-2']))
      .then({
        appends: [PUPIL, 'p-2'].map((pupilId) => ({
          pupilId,
          schoolId: 's-1',
          events: [
            {
              type: 'DataShared',
              occurredAt: NOW,
              data: expect.objectContaining({
                pupilId,
                sharingId: 'sh-1',
                recipientId: 'lib',
                legalBasis: 'consent',
                purpose: 'share-library',
                consentEventIds: ['evt-2'],
              }),
            },
          ],
        })),
        repeated: [],
      }));

  it('refuses the whole sharing when one pupil lacks consent, naming that pupil', () =>
    givenStates([consenting, withdrawnPupil])
      .when(share([PUPIL, 'p-3']))
      .thenRefused('CONSENT.MISSING_FOR_SHARING', ['p-3']));

  it('names only the worst refusal: an unknown pupil before a destroyed one before missing consent', () =>
    givenStates([withdrawnPupil, initialPupilState, consenting])
      .when(share(['p-3', 'p-9', PUPIL], { isShredding: (id) => id === PUPIL }))
      .thenRefused('PUPIL.NOT_FOUND', ['p-9']));

  it('answers a pupil this sharing reached already with its recorded event, appending nothing for it', () => {
    const shared = decideSharing(share([PUPIL]), { recipient, pupils: [consenting] }, ctx).appends[0].events[0];
    const after = pupil(enrolled, given(MUM, '2025-09-01T08:00:00.000Z'), shared);
    givenStates([after])
      .when(share([PUPIL]))
      .then({ appends: [], repeated: [{ eventId: 'evt-3', position: '3' }] });
  });

  it('treats another school’s pupil as unknown to a key per school', () =>
    givenStates([consenting])
      .when(share([PUPIL], { schools: ['s-2'] }))
      .thenRefused('PUPIL.NOT_FOUND', [PUPIL]));
});
