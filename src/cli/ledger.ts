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
    if (e instanceof CommanderError) process.exitCode = e.exitCode;
    else {
      process.stderr.write(`ledger: ${errorMessage(e)}\n`);
      process.exitCode = 2;
    }
  });
