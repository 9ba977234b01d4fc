import { Command, InvalidArgumentError } from 'commander';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { AuditTrail } from '../audit/audit-trail';
import { loadOrCreateSigningKey, PUBLIC_KEY_FILE, readPublicKey } from '../audit/checkpoint';
import { readKeptCheckpoints } from '../audit/kept-checkpoint';
import { replay } from '../audit/replay';
import { exportPupil } from '../export/pupil-export';
import { renderExportHtml } from '../export/pupil-export.html';
import { DomainError } from '../ledger/domain/errors';
import { dateReadingOf, readTime, TimeFormatError } from '../ledger/domain/time';
import { PersonalData } from '../personal-data/personal-data';
import { ReadOnlyKeys } from '../personal-data/read-only-keys';
import { toRecorded } from '../audit/raw-to-recorded';
import { DataDirectory } from '../store/data-directory';
import { DataDirectoryLock } from '../store/data-directory-lock';
import { SqliteAuditLog } from '../store/sqlite-audit-log';
import { SqliteEventStore } from '../store/sqlite-event-store';
import { CLOUDEVENTS_SOURCE } from '../publishing/domain/integration-event';
import { KafkaJsPublisher } from '../publishing/kafkajs-publisher';
import { Relay } from '../publishing/relay';
import { RelayCheckpoint } from '../publishing/relay-checkpoint';
import { SchoolRegister } from '../schools/school-register';
import { addBackupCommands } from './backup-commands';
import { verifyAuditLog, type VerifyReport } from '../audit/verify-log';
import type { RawEvent } from '../audit/hash-chain';
import { addStoreOptions, onPostgres, refuseOnPostgres, type StoreOptions } from './postgres-commands';
import type { Io } from './io';
import { progressBar } from './progress';

/** Reads an option's time with the ledger's one reader of times, as its field would be read over HTTP. */
const instant =
  (field: string) =>
  (value: string): string => {
    try {
      return readTime(value, dateReadingOf(field)).instant;
    } catch (e) {
      if (e instanceof TimeFormatError) throw new InvalidArgumentError(e.problem);
      throw e;
    }
  };

const eventsFile = (dataDir: string) => {
  const file = join(resolve(dataDir), 'events.db');
  if (!existsSync(file)) throw new Error(`no ledger store at ${file}`);
  return file;
};

/** `ledger`: the auditor's commands, working on a data directory (or an offline copy of one). */
export const buildProgram = (io: Io, setExit: (code: number) => void): Command => {
  const program = addStoreOptions(
    new Command('ledger')
      .description('Consent ledger: verify, replay, export and seal a ledger data directory, or read a ledger’s log in PostgreSQL (--store postgres)')
      .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
      .exitOverride()
      .option('--data-dir <dir>', 'the ledger data directory, or a copy of it', process.env.LEDGER_DATA_DIR ?? './data'),
  );
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

  program
    .command('export')
    .description(
      'everything recorded about one pupil (right of access), as JSON or a readable HTML page; reads the data directory (or a copy) without changing it',
    )
    .requiredOption('--pupil <id>', 'the pupil id')
    .option('--format <format>', 'json or html', 'json')
    .option('--out <file>', 'write to this file (owner-only) instead of standard output; it holds the pupil’s personal data')
    .option('--schools <file>', 'the school register (JSON: schoolId → {name, contact}) for the page', process.env.LEDGER_SCHOOLS)
    .action(async (opts: { pupil: string; format: string; out?: string; schools?: string }) => {
      if (!['json', 'html'].includes(opts.format)) throw new InvalidArgumentError('--format must be json or html');
      const dataDir = program.opts<{ dataDir: string }>().dataDir;
      const write = async (streamEvents: (stream: string) => RawEvent[] | Promise<RawEvent[]>, keys: ConstructorParameters<typeof PersonalData>[0]) => {
        const readStream = async (stream: string) => {
          const events = (await streamEvents(stream)).map(toRecorded);
          return { revision: events.length - 1, events };
        };
        const x = await exportPupil({ readStream }, new PersonalData(keys), opts.pupil, new Date().toISOString());
        const text =
          opts.format === 'html' ? renderExportHtml(x, SchoolRegister.load(opts.schools || null).school(x.schoolId)) : JSON.stringify(x, null, 2) + '\n';
        if (opts.out) {
          const out = resolve(opts.out);
          writeFileSync(out, text, { mode: 0o600 });
          io.err(`wrote the ${opts.format} export of pupil ${opts.pupil} (${Buffer.byteLength(text)} bytes, readable by its owner only) to ${out}\n`);
          io.err('it holds the pupil’s personal data: hand it over, then delete it\n');
        } else io.out(text);
        setExit(0);
      };
      try {
        if (await onPostgres(store(), io, setExit, async (pg) => write((stream) => pg.streamEvents(stream), await pg.keysOf(opts.pupil)))) return;
        const log = new SqliteAuditLog(eventsFile(dataDir), { readonly: true });
        const keys = new ReadOnlyKeys(join(resolve(dataDir), 'keys.db'));
        try {
          await write((stream) => log.streamEvents(stream), keys);
        } finally {
          keys.close();
          log.close();
        }
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        io.err(`${e.message}\n`);
        setExit(1);
      }
    });

  program
    .command('checkpoint')
    .description('seal the log now with the ledger’s signing key')
    .action(async () => {
      const dataDir = program.opts<{ dataDir: string }>().dataDir;
      const file = eventsFile(dataDir);
      // Sealing writes to the log: not beside a running ledger, which seals on its own schedule.
      const lock = DataDirectoryLock.acquire(DataDirectory.open(dataDir));
      const log = new SqliteAuditLog(file);
      try {
        const cp = await new AuditTrail(log, loadOrCreateSigningKey(dataDir), dataDir).checkpoint(new Date().toISOString());
        io.out(JSON.stringify(cp, null, 2) + '\n');
        setExit(0);
      } finally {
        log.close();
        lock.release();
      }
    });

  program
    .command('relay')
    .description('publish every event to Kafka from its durable checkpoint, until stopped (SIGTERM/SIGINT)')
    .option('--brokers <list>', 'comma-separated Kafka brokers', process.env.KAFKA_BROKERS)
    .option('--topic <topic>', 'the topic', process.env.KAFKA_TOPIC || 'consent.events.v1')
    .action(async (opts: { brokers?: string; topic: string }) => {
      const brokers = (opts.brokers ?? '')
        .split(',')
        .map((b) => b.trim())
        .filter(Boolean);
      if (brokers.length === 0) throw new InvalidArgumentError('--brokers (or KAFKA_BROKERS) is required');
      const dataDir = program.opts<{ dataDir: string }>().dataDir;
      // Runs beside a ledger started without Kafka (it writes only relay.db): no data-directory lock.
      const store = new SqliteEventStore(eventsFile(dataDir));
      const checkpoint = new RelayCheckpoint(join(dataDir, 'relay.db'));
      const relay = new Relay(store, new KafkaJsPublisher({ brokers, topic: opts.topic, clientId: 'consent-ledger-relay' }), checkpoint, {
        topic: opts.topic,
        source: CLOUDEVENTS_SOURCE,
        log: (line) => io.err(`${line}\n`),
      });
      await relay.start();
      io.err(`relaying to ${opts.topic} on ${brokers.join(',')}\n`);
      await new Promise<void>((done) => ['SIGTERM', 'SIGINT'].forEach((signal) => process.once(signal, () => done())));
      await relay.stop();
      checkpoint.close();
      await store.close();
      setExit(0);
    });

  refuseOnPostgres(program, io);
  addBackupCommands(program, io, setExit, instant('since'));
  return program;
};
