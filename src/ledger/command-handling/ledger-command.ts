import type { CommandMeta } from './command-meta';

/**
 * What every command carries: what is asked, in the ledger's own terms (ids, purposes, times as
 * given), and who asks. The controller maps its path and validated body into `asked`; nothing
 * below it sees HTTP. Each use case names its own subclass, because the command bus routes by class.
 */
export abstract class LedgerCommand<A extends object> {
  constructor(
    readonly asked: A,
    readonly meta: CommandMeta,
  ) {}
}
