import { Injectable } from '@nestjs/common';
import { PurposeCatalogueProvider } from '../catalogue/purpose-catalogue';
import { CommandDoor } from '../ledger/command-handling/command-door';
import type { CommandMeta } from '../ledger/command-handling/command-meta';
import { oneStream } from '../ledger/command-handling/verdicts';
import type { EventRef } from '../ledger/domain/recorded-event';
import { recipientStream } from '../ledger/domain/streams';
import { decideRecipient, type RecipientCommand } from './domain/recipient-decider';
import { evolveRecipient, initialRecipientState } from './domain/recipient-state';

export const recipientFold = { evolve: evolveRecipient, initial: initialRecipientState };

/** Recipients belong to the board, not to one school: their events carry no school. */
@Injectable()
export class RecipientLedger {
  constructor(
    private readonly door: CommandDoor,
    private readonly catalogue: PurposeCatalogueProvider,
  ) {}

  /** Answers `{recipientId, eventId, position}`. */
  async handle(command: RecipientCommand, meta: CommandMeta): Promise<{ recipientId: string } & EventRef> {
    const catalogue = await this.catalogue.knowing(command.type === 'RegisterRecipient' ? command.purpose : null);
    const stream = recipientStream(command.recipientId);
    return this.door.run({
      meta,
      reads: { recipient: { stream, fold: recipientFold } },
      decide: ({ recipient }, now) =>
        oneStream(stream, decideRecipient(command, recipient, { now, catalogue }), null, (ref) => ({ recipientId: command.recipientId, ...ref })),
    });
  }
}
