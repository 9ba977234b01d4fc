import { eventNl } from './dutch-names';

describe('the parent’s page names events in Dutch', () => {
  const name = (id: string) => id;
  it('gives a withdrawal’s reason, or says that it went with the dossier', () => {
    expect(eventNl('ConsentWithdrawn', { purpose: 'share-library', reason: 'geen bibliotheekpas meer' }, name)).toBe(
      'Toestemming ingetrokken: naam en contactgegevens doorgeven aan de openbare bibliotheek — reden: geen bibliotheekpas meer',
    );
    expect(eventNl('ConsentWithdrawn', { purpose: 'share-library', reason: { shredded: true } }, name)).toContain('— de reden is vernietigd met het dossier');
    expect(eventNl('ConsentWithdrawn', { purpose: 'share-library', reason: null }, name)).toBe(
      'Toestemming ingetrokken: naam en contactgegevens doorgeven aan de openbare bibliotheek',
    );
  });
});
