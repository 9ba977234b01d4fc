import type { Command } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { takeBackup } from './backup/backup';
import { destructionsSince, parseDestructions } from './backup/destructions';
import { restoreBackup } from './backup/restore';
import { SqliteAuditLog } from '../store/sqlite-audit-log';
import type { Io } from './io';

/**
 * `backup`, `destructions` and `restore`: a consistent copy of a running ledger, and bringing one
 * back without bringing back a destroyed pupil's key. `instant` parses a time as the other commands do.
 */
export const addBackupCommands = (program: Command, io: Io, setExit: (code: number) => void, instant: (value: string) => string): void => {
  const dataDir = () => resolve(program.opts<{ dataDir: string }>().dataDir);

  program
    .command('backup')
    .description('copy the log, the pupils’ keys, the relay checkpoint and the signing key, consistently, while the ledger runs')
    .requiredOption('--out <dir>', 'an empty or new directory for the backup (it holds every key: keep it as safe as the ledger)')
    .action(async (opts: { out: string }) => {
      const out = resolve(opts.out);
      const m = await takeBackup(dataDir(), out, new Date().toISOString());
      io.out(JSON.stringify(m, null, 2) + '\n');
      io.err(`backed up ${m.log.events} events (up to position ${m.log.head ?? 0}) and ${Object.keys(m.files).length} files into ${out}\n`);
      io.err(`after a restore, destroy again what was destroyed since: ledger destructions --since ${m.takenAt}\n`);
      setExit(0);
    });

  program
    .command('destructions')
    .description('list the dossiers destroyed since a moment (record time), one dossier.destroyed event per line, for ledger restore --destroyed')
    .requiredOption('--since <time>', 'the backup’s takenAt', instant)
    .option('--out <file>', 'write to a file instead of standard output')
    .action((opts: { since: string; out?: string }) => {
      const log = new SqliteAuditLog(join(dataDir(), 'events.db'), { readonly: true });
      try {
        const lines = [...destructionsSince(log.rawEvents(), opts.since)].map((d) => JSON.stringify(d) + '\n');
        if (opts.out) writeFileSync(opts.out, lines.join(''), { mode: 0o600 });
        else io.out(lines.join(''));
        io.err(`${lines.length} dossier(s) destroyed since ${opts.since}${opts.out ? `, written to ${resolve(opts.out)}` : ''}\n`);
        setExit(0);
      } finally {
        log.close();
      }
    });

  program
    .command('restore')
    .description('bring a backup back into an empty data directory; every dossier destroyed since is destroyed again')
    .requiredOption('--from <dir>', 'the backup directory')
    .requiredOption(
      '--destroyed <file>',
      'the dossiers destroyed since the backup: the output of ledger destructions --since <takenAt>, or the topic’s messages (JSON lines); an empty file if none',
    )
    .action(async (opts: { from: string; destroyed: string }) => {
      const { destroyed, passedOver } = parseDestructions(readFileSync(opts.destroyed, 'utf8'), opts.destroyed);
      const target = dataDir();
      const r = await restoreBackup({ from: resolve(opts.from), dataDir: target, destroyed, now: new Date().toISOString() });
      io.out(JSON.stringify(r, null, 2) + '\n');
      io.err(
        [
          `restored the backup of ${r.takenAt} into ${target}: the log ends at position ${r.restoredHead ?? 0}, as it was then`,
          `${destroyed.length} destruction(s) read from ${opts.destroyed}${passedOver ? ` (${passedOver} other line(s) passed over)` : ''}; ` +
            `${r.keysDestroyed.length} key(s) destroyed, ${r.recordedAgain.length} destruction(s) recorded again, ${r.unknownToTheLog.length} pupil(s) unknown to the restored log`,
          `checkpoints kept since the backup now report a rollback: keep the new one above (position ${r.checkpoint.position}) instead`,
          `feed readers whose cursor lies beyond position ${r.restoredHead ?? 0} start again from there (later events were lost with the rollback and new ones take their positions); ` +
            `the Kafka relay resumes from its restored checkpoint, so messages after it come again with the same ce_id`,
        ].join('\n') + '\n',
      );
      setExit(0);
    });
};
