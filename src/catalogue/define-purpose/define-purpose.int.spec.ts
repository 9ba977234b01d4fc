import { HandlerSpec, registrar } from '../../ledger/command-handling/testing/handler-spec';
import { CATALOGUE_STREAM, pupilStream } from '../../ledger/domain/streams';
import { enrolled, MUM, PUPIL } from '../../pupils/domain/pupil-fixtures';
import { GiveConsentCommand, GiveConsentHandler } from '../../pupils/give-consent/give-consent.command';
import type { CatalogueEvent } from '../domain/catalogue-events';
import { DefinePurposeCommand, DefinePurposeHandler, type DefinePurposeAsked } from './define-purpose.command';

const choir: DefinePurposeAsked = {
  purpose: 'choir-recordings',
  yearly: true,
  dataCategories: ['photo-video'],
  labels: { nl: 'Opnamen van het schoolkoor', en: 'Recordings of the school choir' },
};
const defined: CatalogueEvent = { type: 'PurposeDefined', occurredAt: '2026-01-10T09:00:00.000Z', data: { ...choir, labels: { ...choir.labels } } };

let spec: HandlerSpec;
beforeEach(() => (spec = new HandlerSpec()));
afterEach(() => spec.close());

const define = (command: DefinePurposeAsked) =>
  spec.when(() =>
    new DefinePurposeHandler(spec.catalogueLedger).execute(new DefinePurposeCommand(command, { ...registrar, actor: { id: 'dir-1', role: 'director' } })),
  );

describe('POST /purposes (handler)', () => {
  it('records a new purpose in the stream catalogue, for no school, and commands know it from then on', async () => {
    const outcome = await define(choir);
    const answer = outcome.thenAppended([{ stream: CATALOGUE_STREAM, type: 'PurposeDefined', data: choir }]);
    const [event] = outcome.appended;
    expect(answer).toEqual({ purpose: 'choir-recordings', eventId: event.eventId, position: event.position });
    expect([event.occurredAt, event.metadata.schoolId, event.metadata.actor]).toEqual([spec.clock.at, null, { id: 'dir-1', role: 'director' }]);
    expect(spec.catalogue.current().get('choir-recordings')).toEqual(expect.objectContaining({ yearly: true, dataCategories: ['photo-video'] }));
    // A consent for it is taken, as for a default purpose.
    await spec.given(pupilStream(PUPIL), [enrolled], 's-1');
    const consent = new GiveConsentCommand({ pupilId: PUPIL, purpose: 'choir-recordings', guardianId: MUM, noticeVersion: 'v1', channel: 'paper' }, registrar);
    const given = await spec.when(() => new GiveConsentHandler(spec.pupils).execute(consent));
    expect(given.appended.map((e) => [e.type, (e.data as { purpose: string; yearly: boolean }).yearly])).toEqual([['ConsentGiven', true]]);
  });

  it('refuses an id the stream holds already: 409 PURPOSE.ALREADY_DEFINED naming purpose, nothing appended', async () => {
    await spec.given(CATALOGUE_STREAM, [defined]);
    (await define({ ...choir, yearly: false })).thenRefused('PURPOSE.ALREADY_DEFINED', [{ field: 'purpose' }]);
  });

  it('refuses the id of a default purpose: its meaning never changes under the consents given for it', async () => {
    (await define({ ...choir, purpose: 'photo-website' })).thenRefused('PURPOSE.ALREADY_DEFINED', [{ field: 'purpose' }]);
  });
});
