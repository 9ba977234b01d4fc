import { specFor } from '../../ledger/domain/testing/decider-spec';
import { type DefinePurpose, decideCatalogue, evolveCatalogue, initialCatalogueState } from './catalogue-decider';
import type { CatalogueEvent } from './catalogue-events';

const NOW = '2026-03-01T10:00:00.000Z';
const spec = specFor({ decide: decideCatalogue, evolve: evolveCatalogue, initial: initialCatalogueState }, { now: NOW });

const define = (purpose: string, extra: Partial<DefinePurpose> = {}): DefinePurpose => ({
  type: 'DefinePurpose',
  purpose,
  yearly: true,
  dataCategories: ['photo-video'],
  labels: { nl: 'Foto’s in de schoolgids', en: 'Photos in the school guide' },
  ...extra,
});
const defined = (purpose: string): CatalogueEvent => ({
  type: 'PurposeDefined',
  occurredAt: NOW,
  data: { purpose, yearly: true, dataCategories: ['photo-video'], labels: { nl: 'Foto’s in de schoolgids', en: 'Photos in the school guide' } },
});

describe('the purpose catalogue', () => {
  it('starts with the default purposes', () => expect([...spec.given([]).state.purposes.keys()]).toContain('photo-website'));

  it('defines a purpose of the board', () =>
    spec
      .given([])
      .when(define('photo-school-guide'))
      .then([defined('photo-school-guide')]));

  it('holds a defined purpose, named in both languages', () =>
    expect(spec.given([defined('photo-school-guide')]).state.purposes.get('photo-school-guide')).toEqual({
      purpose: 'photo-school-guide',
      description: 'Photos in the school guide',
      yearly: true,
      dataCategories: ['photo-video'],
      labels: { nl: 'Foto’s in de schoolgids', en: 'Photos in the school guide' },
    }));

  it('refuses an id it holds already, a default one too', () => {
    spec
      .given([defined('photo-school-guide')])
      .when(define('photo-school-guide'))
      .thenRefused('PURPOSE.ALREADY_DEFINED', { field: 'purpose' });
    spec.given([]).when(define('photo-website')).thenRefused('PURPOSE.ALREADY_DEFINED', { field: 'purpose' });
  });
});
