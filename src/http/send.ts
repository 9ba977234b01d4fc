import type { CommandBus } from '@nestjs/cqrs';
import type { CommandResult } from '../ledger/command-handling/command-runner';

/** Dispatches a command and answers with its body: every command route ends like this. */
export const send = async (bus: CommandBus, command: object): Promise<unknown> => (await bus.execute<object, CommandResult>(command)).body;
