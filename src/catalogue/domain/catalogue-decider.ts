import { refuse } from '../../ledger/domain/errors';
import { catalogueOf, DEFAULT_PURPOSES, type DataCategory, type Purpose, type PurposeCatalogue, type PurposeLabels } from '../../ledger/domain/purposes';
import type { CommandContext, Decision, RecordedEvent } from '../../ledger/domain/recorded-event';
import { type CatalogueEvent, isCatalogueEvent } from './catalogue-events';

/** The catalogue as the stream `catalogue` makes it: the defaults (DESIGN's table), then every purpose a board defined. */
export interface CatalogueState {
  readonly purposes: PurposeCatalogue;
}

export const initialCatalogueState: CatalogueState = { purposes: catalogueOf(DEFAULT_PURPOSES) };

export const evolveCatalogue = (state: CatalogueState, event: RecordedEvent): CatalogueState => {
  if (!isCatalogueEvent(event)) return state;
  const { purpose, yearly, dataCategories, labels } = event.data;
  const defined: Purpose = { purpose, description: labels.en, yearly, dataCategories, labels };
  return { purposes: new Map([...state.purposes, [purpose, defined]]) };
};

export interface DefinePurpose {
  readonly type: 'DefinePurpose';
  readonly purpose: string;
  readonly yearly: boolean;
  readonly dataCategories: readonly DataCategory[];
  readonly labels: PurposeLabels;
}

/**
 * A board's own purpose. An id the catalogue holds already (a default too) is refused with 409
 * `PURPOSE.ALREADY_DEFINED` (DESIGN: "an existing id is 409"): a purpose's meaning never changes
 * under the consents given for it.
 */
export const decideCatalogue = (c: DefinePurpose, s: CatalogueState, ctx: CommandContext): Decision<CatalogueEvent> => {
  if (s.purposes.has(c.purpose))
    refuse('PURPOSE.ALREADY_DEFINED', `purpose ${c.purpose} is already in the catalogue`, [
      { field: 'purpose', problem: 'must be an id the catalogue does not hold yet (GET /purposes)' },
    ]);
  const data = { purpose: c.purpose, yearly: c.yearly, dataCategories: c.dataCategories, labels: { nl: c.labels.nl, en: c.labels.en } };
  return [{ type: 'PurposeDefined', occurredAt: ctx.now, data }];
};
