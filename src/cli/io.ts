/** Where the `ledger` command writes: a terminal, a pipe, or a test. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Whether stderr is a terminal (progress bars only then). */
  readonly tty: boolean;
}
