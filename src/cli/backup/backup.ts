import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KEPT_CHECKPOINT_FILE } from '../../audit/kept-checkpoint';
import { PRIVATE_KEY_FILE, PUBLIC_KEY_FILE } from '../../audit/checkpoint';
import { copyDatabase, fsyncFile, openDatabase } from '../../store/sqlite-files';

export const MANIFEST_FILE = 'manifest.json';
export const BACKUP_FORMAT = 'consent-ledger-backup/1';

/** What a backup holds, written last: a backup without its manifest is incomplete. */
export interface BackupManifest {
  readonly format: typeof BACKUP_FORMAT;
  /**
   * UTC, taken before anything was copied: every dossier destroyed since (by record time) must be
   * destroyed again on restore (`ledger destructions --since <takenAt>`).
   */
  readonly takenAt: string;
  /** The log in the backup: its last global position (null when empty) and its number of events. */
  readonly log: { readonly head: string | null; readonly events: number };
  /** Every file of the backup and the SHA-256 of its bytes. */
  readonly files: Readonly<Record<string, string>>;
}

/**
 * The order is what makes the copies fit together under load, each file a consistent snapshot of
 * its own: the relay checkpoint and the kept seal before the log (so neither is ahead of it), the
 * pupils' keys after it (so every key an event of the backup needs is there; a key destroyed in
 * between is destroyed again on restore, from the destructions since `takenAt`).
 */
const DATABASES_BEFORE_LOG = ['relay.db'];
const FILES_BEFORE_LOG = [KEPT_CHECKPOINT_FILE];
const DATABASES_AFTER_LOG = ['keys.db'];
const SECRETS = [PRIVATE_KEY_FILE, 'api-keys.json'];

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** An online copy of one SQLite file, read through a read-only connection of its own. */
const copyLive = async (from: string, to: string): Promise<void> => {
  const db = openDatabase(from, { readonly: true, fileMustExist: true });
  try {
    await copyDatabase(db, to, 0o600);
  } finally {
    db.close();
  }
};

const copyPlain = (from: string, to: string, mode: number): void => {
  copyFileSync(from, to);
  chmodSync(to, mode);
  fsyncFile(to);
};

/**
 * Takes a consistent backup of a data directory while the ledger runs: the log, the pupils' keys,
 * the relay checkpoint, the signing key (and the generated API keys), by SQLite's online backup.
 * `out` must not exist or be empty; it is made readable by its owner only, as it holds every key.
 * The read models are not copied: they are rebuilt from the log.
 */
export const takeBackup = async (dataDir: string, out: string, now: string): Promise<BackupManifest> => {
  if (!existsSync(join(dataDir, 'events.db'))) throw new Error(`no ledger store at ${join(dataDir, 'events.db')}`);
  if (existsSync(out) && readdirSync(out).length > 0) throw new Error(`${out} is not empty: a backup goes into a directory of its own`);
  mkdirSync(out, { recursive: true, mode: 0o700 });
  chmodSync(out, 0o700);
  const present = (names: readonly string[]) => names.filter((n) => existsSync(join(dataDir, n)));
  for (const name of present(DATABASES_BEFORE_LOG)) await copyLive(join(dataDir, name), join(out, name));
  for (const name of present(FILES_BEFORE_LOG)) copyPlain(join(dataDir, name), join(out, name), 0o644);
  await copyLive(join(dataDir, 'events.db'), join(out, 'events.db'));
  for (const name of present(DATABASES_AFTER_LOG)) await copyLive(join(dataDir, name), join(out, name));
  for (const name of present(SECRETS)) copyPlain(join(dataDir, name), join(out, name), 0o600);
  for (const name of present([PUBLIC_KEY_FILE])) copyPlain(join(dataDir, name), join(out, name), 0o644);

  let log = { head: null as string | null, events: 0 };
  openDatabase(join(out, 'events.db'), { readonly: true, fileMustExist: true }, (db) => {
    const r = db.prepare<[], { head: number | null; n: number }>('SELECT MAX(position) AS head, COUNT(*) AS n FROM events').get()!;
    log = { head: r.head === null ? null : String(r.head), events: r.n };
  }).close();
  const files = Object.fromEntries(
    readdirSync(out)
      .sort()
      .map((name) => [name, sha256(join(out, name))]),
  );
  const manifest: BackupManifest = { format: BACKUP_FORMAT, takenAt: now, log, files };
  writeFileSync(join(out, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n', { mode: 0o600 });
  fsyncFile(join(out, MANIFEST_FILE));
  fsyncFile(out);
  return manifest;
};

/** Reads a backup's manifest and checks every file against it; throws naming what is missing or changed. */
export const checkBackup = (dir: string): BackupManifest => {
  const file = join(dir, MANIFEST_FILE);
  if (!existsSync(file)) throw new Error(`${dir} is not a complete ledger backup: ${MANIFEST_FILE} is missing`);
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as BackupManifest;
  if ((manifest.format as unknown) !== BACKUP_FORMAT) throw new Error(`${file} is not a ledger backup of format ${BACKUP_FORMAT}`);
  for (const [name, hash] of Object.entries(manifest.files)) {
    if (!existsSync(join(dir, name))) throw new Error(`the backup in ${dir} lacks ${name}`);
    if (sha256(join(dir, name)) !== hash) throw new Error(`${join(dir, name)} differs from the backup's manifest: it was changed after the backup was taken`);
  }
  if (!manifest.files['events.db']) throw new Error(`the backup in ${dir} holds no events.db`);
  return manifest;
};
