import { Injectable } from '@nestjs/common';
import type { CommandMeta } from '../ledger/command-handling/command-meta';
import { CommandRunner, type CommandResult } from '../ledger/command-handling/command-runner';
import { CATALOGUE_STREAM } from '../ledger/domain/streams';
import { type DefinePurpose, decideCatalogue, evolveCatalogue, initialCatalogueState } from './domain/catalogue-decider';
import { PurposeCatalogueProvider } from './purpose-catalogue';

export const catalogueFold = { evolve: evolveCatalogue, initial: initialCatalogueState };

/** The catalogue's one command: a board defines a purpose of its own. Its events carry no school. */
@Injectable()
export class PurposeCatalogueLedger {
  constructor(
    private readonly runner: CommandRunner,
    private readonly catalogue: PurposeCatalogueProvider,
  ) {}

  async define(command: DefinePurpose, meta: CommandMeta): Promise<CommandResult> {
    const result = await this.runner.run({
      stream: CATALOGUE_STREAM,
      fold: catalogueFold,
      meta,
      command: () => command,
      decide: (c, s, now) => decideCatalogue(c, s, { now }),
      schoolId: () => null,
      respond: (ref) => ({ purpose: command.purpose, ...ref }),
    });
    // Every command and query of this instance sees the new purpose from now on.
    await this.catalogue.refresh();
    return result;
  }
}
