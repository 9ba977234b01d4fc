import { Command } from 'commander';
import { addAuditCommands } from './audit-commands';
import { addBackupCommands } from './backup-commands';
import { addDataDirCommands } from './data-dir-commands';
import { addExportCommand } from './export-command';
import type { Io } from './io';
import { instant } from './options';
import { addStoreOptions, refuseOnPostgres } from './postgres-commands';

/** `ledger`: the auditor's commands, working on a data directory (or an offline copy of one). */
export const buildProgram = (io: Io, setExit: (code: number) => void): Command => {
  const program = addStoreOptions(
    new Command('ledger')
      .description('Consent ledger: verify, replay, export and seal a ledger data directory, or read a ledger’s log in PostgreSQL (--store postgres)')
      .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
      .exitOverride()
      .option('--data-dir <dir>', 'the ledger data directory, or a copy of it', process.env.LEDGER_DATA_DIR ?? './data'),
  );
  // Added in the order `ledger --help` lists them.
  addAuditCommands(program, io, setExit);
  addExportCommand(program, io, setExit);
  addDataDirCommands(program, io, setExit);
  refuseOnPostgres(program, io);
  addBackupCommands(program, io, setExit, instant('since'));
  return program;
};
