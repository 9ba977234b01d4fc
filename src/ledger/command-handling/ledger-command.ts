import type { CommandMeta } from './command-meta';

/**
 * What every command from HTTP carries: the ids from its path, its validated body and who asks.
 * Each use case names its own subclass, because the command bus routes by class.
 */
export abstract class LedgerCommand<P extends object, D> {
  constructor(
    readonly params: P,
    readonly dto: D,
    readonly meta: CommandMeta,
  ) {}
}
