import type { DataCategory, PurposeLabels } from '../../ledger/domain/purposes';
import type { NewEvent, RecordedEvent } from '../../ledger/domain/recorded-event';

export type CatalogueEventData = {
  /** A board added a purpose of its own to the catalogue (DESIGN: POST /purposes). No personal data. */
  PurposeDefined: {
    readonly purpose: string;
    readonly yearly: boolean;
    readonly dataCategories: readonly DataCategory[];
    readonly labels: PurposeLabels;
  };
};

export type CatalogueEventType = keyof CatalogueEventData;
export const CATALOGUE_EVENT_TYPES: readonly CatalogueEventType[] = ['PurposeDefined'];

export type CatalogueEvent = { [T in CatalogueEventType]: NewEvent<T, CatalogueEventData[T]> }[CatalogueEventType];
export type RecordedCatalogueEvent = { [T in CatalogueEventType]: RecordedEvent<T, CatalogueEventData[T]> }[CatalogueEventType];

export const isCatalogueEvent = (e: RecordedEvent): e is RecordedCatalogueEvent => (CATALOGUE_EVENT_TYPES as readonly string[]).includes(e.type);
