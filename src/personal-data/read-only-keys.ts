import { ReadOnlyDatabase } from '../store/sqlite-read-only';

/**
 * The pupils' keys of a data directory or an auditor's copy, read only: what an export needs to
 * open personal fields, and nothing that could make, change or destroy a key.
 */
export class ReadOnlyKeys {
  private readonly file: ReadOnlyDatabase;

  constructor(path: string) {
    this.file = new ReadOnlyDatabase(path);
  }

  /** The pupil's key; null when it was destroyed or never made. A key is never made here. */
  keyFor(pupilId: string, create: boolean): Buffer | null {
    if (create) throw new Error('a read-only copy of the keys makes no key');
    return this.file.db.prepare<[string], { key: Buffer }>('SELECT key FROM pupil_keys WHERE pupil_id = ?').get(pupilId)?.key ?? null;
  }

  isDestroyed(pupilId: string): boolean {
    return this.file.db.prepare('SELECT 1 FROM destroyed_keys WHERE pupil_id = ?').get(pupilId) !== undefined;
  }

  close(): void {
    this.file.close();
  }
}
