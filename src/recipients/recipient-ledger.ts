import { Injectable } from '@nestjs/common';
import type { CommandMeta } from '../ledger/command-handling/command-meta';
import { PurposeCatalogueProvider } from '../catalogue/purpose-catalogue';
import { CommandRunner, type CommandResult } from '../ledger/command-handling/command-runner';
import { recipientStream } from '../ledger/domain/streams';
import { decideRecipient, type RecipientCommand } from './domain/recipient-decider';
import { evolveRecipient, initialRecipientState } from './domain/recipient-state';

export const recipientFold = { evolve: evolveRecipient, initial: initialRecipientState };

/** Recipients belong to the board, not to one school: their events carry no school. */
@Injectable()
export class RecipientLedger {
  constructor(
    readonly runner: CommandRunner,
    private readonly catalogue: PurposeCatalogueProvider,
  ) {}

  async handle(command: RecipientCommand, meta: CommandMeta): Promise<CommandResult> {
    const catalogue = await this.catalogue.knowing(command.type === 'RegisterRecipient' ? command.purpose : null);
    return this.runner.run({
      stream: recipientStream(command.recipientId),
      fold: recipientFold,
      meta,
      command: () => command,
      decide: (c, s, now) => decideRecipient(c, s, { now, catalogue }),
      schoolId: () => null,
      respond: (ref) => ({ recipientId: command.recipientId, ...ref }),
    });
  }
}
