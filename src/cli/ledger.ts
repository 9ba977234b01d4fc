#!/usr/bin/env node
import { CommanderError } from 'commander';
import { buildProgram } from './program';
import { errorMessage } from '../ledger/domain/errors';

let code = 0;
const program = buildProgram(
  { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t), tty: Boolean(process.stderr.isTTY) },
  (c) => (code = c),
);
program
  .parseAsync(process.argv)
  .then(() => (process.exitCode = code))
  .catch((e: unknown) => {
    // Help and version end with 0; any usage error with 2, as the README says (1 is a finding: a log that does not verify).
    if (e instanceof CommanderError) process.exitCode = e.exitCode === 0 ? 0 : 2;
    else {
      process.stderr.write(`ledger: ${errorMessage(e)}\n`);
      process.exitCode = 2;
    }
  });
