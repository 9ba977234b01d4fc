import { type Command, CommanderError } from 'commander';
import { type StoreSelection, storeSelectionFromEnv } from '../config/store-selection';
import type { Io } from './io';
import { PostgresLedger } from './postgres-ledger';

export interface StoreOptions {
  readonly store?: string;
  readonly postgresUrl?: string;
  readonly postgresSchema?: string;
}

/** The global options that name a shared store; unset, each falls back to the ledger's own variable. */
export const addStoreOptions = (program: Command): Command =>
  program
    .option('--store <kind>', 'sqlite (the data directory) or postgres (LEDGER_STORE)', process.env.LEDGER_STORE)
    .option(
      '--postgres-url <url>',
      'the PostgreSQL connection string of a ledger with LEDGER_STORE=postgres (LEDGER_POSTGRES_URL)',
      process.env.LEDGER_POSTGRES_URL,
    )
    .option('--postgres-schema <schema>', 'its schema (LEDGER_POSTGRES_SCHEMA, default ledger)', process.env.LEDGER_POSTGRES_SCHEMA);

/**
 * The store the command reads, read as the ledger reads LEDGER_STORE (store-selection.ts).
 * @throws Error naming the option's variable and what is wrong with it
 */
export const selectedStore = (o: StoreOptions): StoreSelection =>
  storeSelectionFromEnv({ LEDGER_STORE: o.store, LEDGER_POSTGRES_URL: o.postgresUrl, LEDGER_POSTGRES_SCHEMA: o.postgresSchema });

/**
 * Runs `work` on the PostgreSQL log the options name, read-only, and closes it; answers false
 * (nothing run) when the options name the embedded store. An EventStoreDB ledger is refused with
 * exit code 2: its log is read with that server's own tools.
 */
export const onPostgres = async (
  o: StoreOptions,
  io: Io,
  setExit: (code: number) => void,
  work: (ledger: PostgresLedger) => Promise<void>,
): Promise<boolean> => {
  if (o.store?.trim() === 'eventstoredb') {
    io.err('the ledger command reads the embedded store or PostgreSQL; a log in EventStoreDB is read with its own tools\n');
    setExit(2);
    return true;
  }
  const selection = selectedStore(o);
  if (selection.kind !== 'postgres') return false;
  const ledger = await PostgresLedger.open(selection.postgresUrl, selection.schema);
  try {
    await work(ledger);
  } finally {
    await ledger.close();
  }
  return true;
};

/** What the commands that work on the data directory's files say of a ledger in PostgreSQL. */
const NOT_ON_POSTGRES: Record<string, string> = {
  backup: 'a ledger in PostgreSQL is backed up with PostgreSQL’s own tools: pg_dump --schema SCHEMA (README, "Scaling out: backups")',
  destructions: 'on PostgreSQL a restore is PostgreSQL’s own (pg_restore); destroyed dossiers stay destroyed in destroyed_keys',
  restore: 'a ledger in PostgreSQL is restored with PostgreSQL’s own tools: pg_restore (README, "Scaling out: backups")',
  checkpoint: 'on PostgreSQL the running ledger seals the log (POST /audit/checkpoints); this command changes nothing there',
  relay: 'on PostgreSQL the running ledger’s lease holder relays to Kafka; this command relays from a data directory only',
};

/**
 * Refuses, before it runs, a command that works on the embedded files when the options name
 * PostgreSQL: it says what to do instead and ends with exit code 2 (a usage error), changing nothing.
 */
export const refuseOnPostgres = (program: Command, io: Io): void => {
  program.hook('preAction', (_program, command) => {
    const why = NOT_ON_POSTGRES[command.name()];
    if (!why || selectedStore(program.opts<StoreOptions>()).kind === 'sqlite') return;
    io.err(`ledger ${command.name()}: ${why}\n`);
    throw new CommanderError(2, 'ledger.postgres', why);
  });
};
