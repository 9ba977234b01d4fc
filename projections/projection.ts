import type { RecordedEvent } from '../src/ledger/domain/recorded-event';

/**
 * A read model as a pure fold. The runner feeds it the events of the types it handles, keyed by
 * `keys`; the same fold runs live and in a rebuild. Bumping `version` rebuilds it from zero.
 */
export interface Projection<Doc> {
  readonly name: string;
  readonly version: number;
  readonly handles: readonly string[];
  keys(event: RecordedEvent): readonly string[];
  initial(key: string): Doc;
  evolve(doc: Doc, event: RecordedEvent, key: string): Doc;
}
