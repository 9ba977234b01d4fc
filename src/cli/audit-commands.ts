import type { Command } from 'commander';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { AuditTrail } from '../audit/audit-trail';
import { PUBLIC_KEY_FILE, readPublicKey } from '../audit/checkpoint';
import { readKeptCheckpoints } from '../audit/kept-checkpoint';
import { replay } from '../audit/replay';
import { verifyAuditLog, type VerifyReport } from '../audit/verify-log';
import type { RawEvent } from '../core/hash-chain';
import { SqliteAuditLog } from '../store/sqlite-audit-log';
import type { Io } from './io';
import { eventsFile, instant } from './options';
import { onPostgres, type StoreOptions } from './postgres-commands';
import { progressBar } from './progress';

/**
 * `verify` and `replay`: the auditor's reads of the log, from a data directory (or a copy of one)
 * or from PostgreSQL (--store postgres). Neither changes what it reads.
 */
export const addAuditCommands = (program: Command, io: Io, setExit: (code: number) => void): void => {
  const store = () => program.opts<StoreOptions>();
  /** What verify prints: the report as JSON, or its summary and every problem; exit 0 when all verifies, else 1. */
  const printReport = (report: VerifyReport, json: boolean | undefined, keyChecked: boolean, keyWhere: string) => {
    if (json) io.out(JSON.stringify(report, null, 2) + '\n');
    else {
      io.out(`${report.events} events in ${report.streams} streams, ${report.checkpoints} signed checkpoints, ${report.kept} kept outside the log\n`);
      if (!keyChecked) io.out(`no public key ${keyWhere}: checkpoint signatures were NOT checked\n`);
      const [first] = report.problems;
      if (report.ok) io.out('ok: every chain and checkpoint verifies\n');
      else {
        io.out(`NOT OK: ${report.problems.length} problem(s)\n`);
        io.out(`first: position ${first.position}${first.eventId ? `, event ${first.eventId} in ${first.stream}` : ''}: ${first.problem}\n`);
        for (const p of report.problems.slice(1)) io.out(`  position ${p.position}${p.eventId ? ` (${p.eventId})` : ''}: ${p.problem}\n`);
      }
    }
    setExit(report.ok ? 0 : 1);
  };

  program
    .command('verify')
    .description('check every hash chain and signed checkpoint; names the first bad event. Exits 0 when all verifies, 1 when not, 2 on a usage error')
    .option('--public-key <file>', 'the ledger public key you kept (default: audit-public-key.pem in the data directory)')
    .option(
      '--checkpoint <file>',
      'a checkpoint you kept outside the ledger (as POST /audit/checkpoints answers it, or a list as GET /audit/checkpoints does): the log must still hold what it sealed; needs --public-key',
    )
    .option('--json', 'print the full report as JSON')
    .action(async (opts: { publicKey?: string; checkpoint?: string; json?: boolean }) => {
      const dataDir = program.opts<{ dataDir: string }>().dataDir;
      // A kept checkpoint checked with a key from the data directory proves nothing: whoever replaced the log replaced the key too.
      if (opts.checkpoint && !opts.publicKey) {
        io.err(
          'usage: ledger verify --checkpoint FILE --public-key FILE\n' +
            '--checkpoint needs --public-key: the ledger public key you kept with the checkpoint (GET /audit/public-key), never the one in the data directory\n',
        );
        setExit(2);
        return;
      }
      if (opts.publicKey && !existsSync(opts.publicKey)) {
        io.err(`usage: ledger verify [--checkpoint FILE] --public-key FILE\nno public key at ${resolve(opts.publicKey)}\n`);
        setExit(2);
        return;
      }
      // A kept checkpoint is checked only with the key given here, never one read from the data directory or the database.
      const given = opts.publicKey ? readPublicKey(opts.publicKey) : null;
      const kept = opts.checkpoint
        ? readKeptCheckpoints(opts.checkpoint).map((k) => ({ ...k, publicKey: given, keyName: `the public key in ${opts.publicKey}` }))
        : [];
      const onPg = await onPostgres(store(), io, setExit, async (pg) => {
        const publicKey = given ?? (await pg.publicKey());
        const keyName = opts.publicKey ? `the public key in ${opts.publicKey}` : 'the public key in the ledger’s database';
        printReport(await verifyAuditLog(pg, publicKey, kept, keyName), opts.json, publicKey !== null, 'in the ledger’s database');
      });
      if (onPg) return;
      const keyFile = opts.publicKey ?? join(dataDir, PUBLIC_KEY_FILE);
      const publicKey = given ?? (existsSync(keyFile) ? readPublicKey(keyFile) : null);
      const log = new SqliteAuditLog(eventsFile(dataDir), { readonly: true });
      try {
        const report = await new AuditTrail(log, { publicKey, keyName: `the public key in ${keyFile}` }, dataDir).verify(kept);
        printReport(report, opts.json, publicKey !== null, `at ${keyFile}`);
      } finally {
        log.close();
      }
    });

  program
    .command('replay')
    .description('rebuild every projection as of a moment into a separate file, and print that moment’s board report')
    .requiredOption('--until <time>', 'business time: what had happened by then (a date: the whole day)', instant('to'))
    .option('--known-at <time>', 'record time: only what the ledger had recorded by then', instant('knownAt'))
    .option('--out <file>', 'where the replayed read models go (default: a new file in the system’s temporary directory, never the data directory)')
    .action(async (opts: { until: string; knownAt?: string; out?: string }) => {
      const dataDir = program.opts<{ dataDir: string }>().dataDir;
      const out = resolve(
        opts.out ??
          join(tmpdir(), 'consent-ledger', `replay-${opts.until.replace(/[:.]/g, '')}${opts.knownAt ? `-known-${opts.knownAt.replace(/[:.]/g, '')}` : ''}.db`),
      );
      mkdirSync(dirname(out), { recursive: true, mode: 0o700 });
      const run = async (events: Iterable<RawEvent>, count: number) => {
        const bar = progressBar(io, count);
        const result = await replay(events, { until: opts.until, knownAt: opts.knownAt }, out, (seen) => bar.update(seen));
        bar.stop();
        const moment = `had happened by ${opts.until}${opts.knownAt ? ` and were recorded by ${opts.knownAt}` : ''}`;
        io.err(
          `read ${result.events} events; replayed the ${result.folded} that ${moment}${result.folded < result.events ? ` (${result.events - result.folded} later ones left out)` : ''}\n`,
        );
        io.err(`wrote the replayed read models to ${out}\n`);
        io.out(JSON.stringify(result.report, null, 2) + '\n');
        setExit(0);
      };
      if (await onPostgres(store(), io, setExit, async (pg) => run(await pg.allRawEvents(), await pg.count()))) return;
      const log = new SqliteAuditLog(eventsFile(dataDir), { readonly: true });
      try {
        await run(log.rawEvents(), log.count());
      } finally {
        log.close();
      }
    });
};
