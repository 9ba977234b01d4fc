import { Injectable } from '@nestjs/common';
import { CommandDoor } from '../ledger/command-handling/command-door';
import type { CommandMeta } from '../ledger/command-handling/command-meta';
import { oneStream } from '../ledger/command-handling/verdicts';
import type { EventRef } from '../ledger/domain/recorded-event';
import { CATALOGUE_STREAM } from '../ledger/domain/streams';
import { type DefinePurpose, decideCatalogue, evolveCatalogue, initialCatalogueState } from './domain/catalogue-decider';
import { PurposeCatalogueProvider } from './purpose-catalogue';

export const catalogueFold = { evolve: evolveCatalogue, initial: initialCatalogueState };

/** The catalogue's one command: a board defines a purpose of its own. Its events carry no school. */
@Injectable()
export class PurposeCatalogueLedger {
  constructor(
    private readonly door: CommandDoor,
    private readonly catalogue: PurposeCatalogueProvider,
  ) {}

  /** Answers `{purpose, eventId, position}`. */
  async define(command: DefinePurpose, meta: CommandMeta): Promise<{ purpose: string } & EventRef> {
    const answer = await this.door.run({
      meta,
      reads: { catalogue: { stream: CATALOGUE_STREAM, fold: catalogueFold } },
      decide: ({ catalogue }, now) =>
        oneStream(CATALOGUE_STREAM, decideCatalogue(command, catalogue, { now }), null, (ref) => ({ purpose: command.purpose, ...ref })),
    });
    // Every command and query of this instance sees the new purpose from now on.
    await this.catalogue.refresh();
    return answer;
  }
}
