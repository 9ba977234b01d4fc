import { HandlerSpec, registrar } from '../../ledger/command-handling/testing/handler-spec';
import type { NewEvent, RecordedEvent } from '../../ledger/domain/recorded-event';
import { pupilStream, recipientStream } from '../../ledger/domain/streams';
import { enrolled, given, MUM } from '../../pupils/domain/pupil-fixtures';
import type { RecipientEvent } from '../../recipients/domain/recipient-events';
import type { ShareDataAsked } from '../data-sharing';
import { ShareDataCommand, ShareDataHandler } from './share-data.command';

const LIBRARY = 'r-library';
const PUPILS = ['p-1', 'p-2', 'p-3'];
const SHARED_AT = '2026-02-10T12:00:00.000Z';
const registered: RecipientEvent = {
  type: 'RecipientRegistered',
  occurredAt: '2025-09-01T08:00:00.000Z',
  data: { recipientId: LIBRARY, name: 'Openbare Bibliotheek', kind: 'third_party', purpose: 'share-library', dataCategories: ['identity', 'contact'] },
};
const asked: ShareDataAsked = {
  sharingId: 'sharing-1',
  recipientId: LIBRARY,
  pupilIds: PUPILS,
  dataCategories: ['identity', 'contact'],
  legalBasis: 'consent',
  sharedAt: SHARED_AT,
};

/** A fixture pupil event, for another pupil. */
const of = (pupilId: string, e: NewEvent): NewEvent => ({ ...e, data: { ...(e.data as object), pupilId } });

let spec: HandlerSpec;
let handler: ShareDataHandler;
/** Each pupil's recorded consent, by pupil. */
const consents = new Map<string, RecordedEvent>();
beforeEach(async () => {
  spec = new HandlerSpec();
  handler = new ShareDataHandler(spec.sharing);
  consents.clear();
  await spec.given(recipientStream(LIBRARY), [registered]);
  for (const pupilId of PUPILS) {
    const consent = pupilId === 'p-2' ? [] : [of(pupilId, given(MUM, '2026-02-01T09:00:00.000Z'))];
    const recorded = await spec.given(pupilStream(pupilId), [of(pupilId, enrolled), ...consent], 's-1');
    if (recorded[1]) consents.set(pupilId, recorded[1]);
  }
});
afterEach(() => spec.close());

const share = (command: ShareDataAsked) => spec.when(() => handler.execute(new ShareDataCommand(command, registrar)));

const dataShared = (pupilId: string) => ({
  stream: pupilStream(pupilId),
  type: 'DataShared',
  data: {
    pupilId,
    sharingId: 'sharing-1',
    recipientId: LIBRARY,
    dataCategories: ['identity', 'contact'],
    legalBasis: 'consent',
    legalReference: null,
    legalReferenceText: null,
    purpose: 'share-library',
    consentEventIds: [consents.get(pupilId)!.eventId],
    agreementId: null,
    until: null,
  },
});

describe('a sharing of several pupils (handler)', () => {
  it('records one DataShared in each pupil’s stream when every pupil holds consent, and answers their ids in the order asked', async () => {
    const both = ['p-3', 'p-1'];
    const outcome = await share({ ...asked, pupilIds: both });
    const answer = outcome.thenAppended(both.map(dataShared));
    expect(answer).toEqual({ sharingId: 'sharing-1', eventIds: outcome.appended.map((e) => e.eventId) });
    expect(outcome.appended.map((e) => [e.occurredAt, e.metadata.schoolId])).toEqual([
      [SHARED_AT, 's-1'],
      [SHARED_AT, 's-1'],
    ]);
  });

  it('answers the same sharing again with the recorded events and appends nothing', async () => {
    const first = (await share({ ...asked, pupilIds: ['p-1', 'p-3'] })).answer;
    expect((await share({ ...asked, pupilIds: ['p-1', 'p-3'] })).thenNothingAppended()).toEqual(first);
  });

  it('refuses the whole sharing when one pupil lacks consent, naming that pupil: 409 CONSENT.MISSING_FOR_SHARING, nothing appended', async () => {
    const error = (await share(asked)).thenRefused('CONSENT.MISSING_FOR_SHARING', [{ field: 'pupilIds', pupilId: 'p-2' }]);
    expect(error.details.map((d) => d.pupilId)).toEqual(['p-2']);
    expect(error.message).toContain('p-2');
  });

  it('refuses a pupil the ledger does not know above one without consent (404 outranks 409), naming only the unknown one', async () => {
    const error = (await share({ ...asked, pupilIds: [...PUPILS, 'p-9'] })).thenRefused('PUPIL.NOT_FOUND');
    expect(error.details.map((d) => d.pupilId)).toEqual(['p-9']);
  });
});
