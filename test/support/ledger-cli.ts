import { buildProgram } from '../../src/cli/program';

/** Runs the `ledger` command in-process, as a user would type it, and collects what it prints. */
export const runLedger = async (...args: string[]): Promise<{ code: number; out: string; err: string }> => {
  let out = '';
  let err = '';
  let code = -1;
  const program = buildProgram({ out: (t) => (out += t), err: (t) => (err += t), tty: false }, (c) => (code = c));
  await program.parseAsync(['node', 'ledger', ...args]);
  return { code, out, err };
};
