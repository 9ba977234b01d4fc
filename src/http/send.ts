import type { CommandBus } from '@nestjs/cqrs';

/** Dispatches a command and answers with what its handler answers: every command route ends like this. */
export const send = (bus: CommandBus, command: object): Promise<unknown> => bus.execute<object, unknown>(command);
