import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { PurposeCatalogue } from '../ledger/domain/purposes';
import { CATALOGUE_STREAM } from '../ledger/domain/streams';
import { EVENT_STORE, type EventStore } from '../core/ports/event-store.port';
import { type CatalogueState, evolveCatalogue, initialCatalogueState } from './domain/catalogue-decider';

/**
 * The one provider of the purpose catalogue: the defaults (DESIGN's table) and every purpose a board
 * defined in the stream `catalogue`. Several instances may share one store, so a purpose this
 * instance does not know yet is looked for in the stream again before anything refuses it.
 */
@Injectable()
export class PurposeCatalogueProvider implements OnApplicationBootstrap {
  private state: CatalogueState = initialCatalogueState;
  private revision = -1;
  private reading: Promise<unknown> = Promise.resolve();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh();
  }

  /** The catalogue as this instance last read it (no IO): for pages and other synchronous readers. */
  current(): PurposeCatalogue {
    return this.state.purposes;
  }

  /** The catalogue with everything the stream holds now (reads only what this instance has not seen). */
  refresh(): Promise<PurposeCatalogue> {
    // One read at a time, each begun after the call: the folded state never goes back, and a caller
    // never gets an answer read before it asked.
    const read = this.reading.catch(() => undefined).then(() => this.readTail());
    this.reading = read;
    return read;
  }

  /** The catalogue, read again first when it does not hold `purpose` (absent or null: as it is). */
  async knowing(purpose: string | null | undefined): Promise<PurposeCatalogue> {
    if (purpose === null || purpose === undefined || this.state.purposes.has(purpose)) return this.state.purposes;
    return this.refresh();
  }

  private async readTail(): Promise<PurposeCatalogue> {
    const { revision, events } = await this.store.readStream(CATALOGUE_STREAM, this.revision + 1);
    this.state = events.reduce(evolveCatalogue, this.state);
    this.revision = Math.max(this.revision, revision);
    return this.state.purposes;
  }
}
