import { randomUUID } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AuditTrail } from '../../audit/audit-trail';
import type { SignedCheckpoint } from '../../audit/checkpoint';
import { loadOrCreateSigningKey } from '../../audit/checkpoint';
import { SCHEMA_VERSION } from '../../ledger/command-handling/envelope';
import { pupilStream } from '../../ledger/domain/streams';
import { parseTimeField } from '../../ledger/domain/time';
import { KeyStore } from '../../personal-data/key-store';
import { DataDirectory } from '../../store/data-directory';
import { DataDirectoryLock } from '../../store/data-directory-lock';
import { SqliteAuditLog } from '../../store/sqlite-audit-log';
import { SqliteEventStore } from '../../store/sqlite-event-store';
import { fsyncFile } from '../../store/sqlite-files';
import { MANIFEST_FILE, checkBackup } from './backup';
import type { DestroyedDossier } from './destructions';

export interface RestoreReport {
  readonly takenAt: string;
  /** The restored log's last position before anything was recorded again: where the relay and feed readers start over. */
  readonly restoredHead: string | null;
  /** Pupils whose key was destroyed again (every destroyed dossier the restored files or the list name). */
  readonly keysDestroyed: readonly string[];
  /** Destructions recorded again in the restored log: pupil and the new event's id. */
  readonly recordedAgain: readonly { readonly pupilId: string; readonly eventId: string }[];
  /** Destroyed pupils the restored log never knew (enrolled after the backup): their key is marked destroyed all the same. */
  readonly unknownToTheLog: readonly string[];
  /** The seal of the restored log, to keep in place of the checkpoints kept before. */
  readonly checkpoint: SignedCheckpoint;
}

const LEDGER_FILES = ['events.db', 'keys.db'];

/**
 * Brings a backup back into an empty data directory without bringing back a destroyed pupil's
 * key: every dossier destroyed in the backup's log, and every one `destroyed` names (those since
 * the backup), has its key destroyed again; a destruction the restored log lacks is recorded again
 * (same reason and business time, this moment as record time, the original event as its cause).
 * The ledger must not run on `dataDir`. Throws naming what stands in the way; then nothing is written.
 */
export const restoreBackup = async (args: {
  readonly from: string;
  readonly dataDir: string;
  readonly destroyed: readonly DestroyedDossier[];
  readonly now: string;
}): Promise<RestoreReport> => {
  const { from, dataDir, destroyed, now } = args;
  const manifest = checkBackup(from);
  const occupied = LEDGER_FILES.filter((f) => existsSync(join(dataDir, f)));
  if (occupied.length > 0)
    throw new Error(
      `${dataDir} already holds a ledger (${occupied.join(', ')}): restore into an empty directory, or stop the ledger and move its files away first`,
    );
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // No ledger may start on the directory while it is being filled, nor run there already.
  const lock = DataDirectoryLock.acquire(DataDirectory.open(dataDir));
  try {
    return await restoreLocked(from, manifest, dataDir, destroyed, now);
  } finally {
    lock.release();
  }
};

const restoreLocked = async (
  from: string,
  manifest: ReturnType<typeof checkBackup>,
  dataDir: string,
  destroyed: readonly DestroyedDossier[],
  now: string,
): Promise<RestoreReport> => {
  for (const name of Object.keys(manifest.files).filter((n) => n !== MANIFEST_FILE)) {
    const part = join(dataDir, `${name}.restoring`);
    copyFileSync(join(from, name), part);
    chmodSync(part, statSync(join(from, name)).mode & 0o777);
    fsyncFile(part);
    renameSync(part, join(dataDir, name));
  }
  fsyncFile(dataDir);

  const store = new SqliteEventStore(join(dataDir, 'events.db'));
  const keys = new KeyStore(join(dataDir, 'keys.db'));
  try {
    const restoredHead = await store.head();
    const inTheLog = new Map<string, string>();
    for (let page = await store.readAll(null, 5000); page.length > 0; page = await store.readAll(page[page.length - 1].position, 5000))
      for (const e of page) if (e.type === 'DossierDestroyed') inTheLog.set((e.data as { pupilId: string }).pupilId, e.eventId);

    const keysDestroyed = [...new Set([...inTheLog.keys(), ...destroyed.map((d) => d.pupilId)])];
    keysDestroyed.forEach((pupilId) => keys.destroyKey(pupilId));

    const recordedAgain: { pupilId: string; eventId: string }[] = [];
    const unknownToTheLog: string[] = [];
    for (const d of destroyed) {
      if (inTheLog.has(d.pupilId)) continue;
      const stream = pupilStream(d.pupilId);
      const { revision, events } = await store.readStream(stream);
      if (revision < 0) {
        unknownToTheLog.push(d.pupilId);
        continue;
      }
      const eventId = randomUUID();
      await store.append([
        {
          stream,
          expectedRevision: revision,
          events: [
            {
              eventId,
              type: 'DossierDestroyed',
              occurredAt: parseTimeField('occurredAt', d.occurredAt),
              recordedAt: now,
              metadata: {
                schemaVersion: SCHEMA_VERSION,
                actor: { id: 'ledger-restore', role: 'system' },
                schoolId: d.schoolId ?? events[0]?.metadata.schoolId ?? null,
                correlationId: randomUUID(),
                causationId: d.eventId,
                idempotencyKeySha256: null,
              },
              // The retention date is not on the topic; the reason and the original event are.
              data: { pupilId: d.pupilId, reason: d.reason, retentionEndedOn: null, keyDestroyed: true },
            },
          ],
        },
      ]);
      // A destruction under way when the backup was taken must not add a second proof at the next start.
      keys.clearIntent(d.pupilId);
      inTheLog.set(d.pupilId, eventId);
      recordedAgain.push({ pupilId: d.pupilId, eventId });
    }
    await store.close();
    const log = new SqliteAuditLog(join(dataDir, 'events.db'));
    try {
      const checkpoint = await new AuditTrail(log, loadOrCreateSigningKey(dataDir), dataDir).checkpoint(now);
      return { takenAt: manifest.takenAt, restoredHead, keysDestroyed, recordedAgain, unknownToTheLog, checkpoint };
    } finally {
      log.close();
    }
  } finally {
    keys.close();
    await store.close();
  }
};
