import { type Command, InvalidArgumentError } from 'commander';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RawEvent } from '../core/hash-chain';
import { toRecorded } from '../audit/raw-to-recorded';
import { exportPupil } from '../export/pupil-export';
import { renderExportHtml } from '../export/pupil-export.html';
import { DomainError } from '../ledger/domain/errors';
import { PersonalData } from '../personal-data/personal-data';
import { ReadOnlyKeys } from '../personal-data/read-only-keys';
import { SchoolRegister } from '../schools/school-register';
import { SqliteAuditLog } from '../store/sqlite-audit-log';
import type { Io } from './io';
import { eventsFile } from './options';
import { onPostgres, type StoreOptions } from './postgres-commands';

/** `export`: the right of access, everything recorded about one pupil, from a data directory or PostgreSQL. */
export const addExportCommand = (program: Command, io: Io, setExit: (code: number) => void): void => {
  const store = () => program.opts<StoreOptions>();

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
};
