import { randomBytes } from 'node:crypto';
import type { PoolClient } from 'pg';
import type { ShredIntent } from '../../../personal-data/key-store';
import type { PupilKeys } from '../../../personal-data/pupil-keys';
import type { StoreCondition } from '../../../core/ports/event-store.port';
import type { SharedState } from './shared-state';

/** Advisory lock class of one pupil's key (the second key is the pupil id's hash): making and destroying it never interleave. */
const KEY_LOCK = 0x1ed9e411;
/** Pupils whose key state one instance remembers between reads of their streams. */
const REMEMBERED = 50_000;

interface Known {
  readonly key: Buffer | null;
  readonly destroyed: boolean;
  readonly shredding: boolean;
}

/**
 * The pupils' keys in PostgreSQL, one table for every instance (DESIGN, "Beyond contract v1").
 *
 * Lookups answer from what this instance last read of the pupil, and that is read again with every
 * read of the pupil's stream (`refresh`, by KeysFollowingStore): every command folds the stream
 * before it decides, and history and export read it before they open a field, so a key destroyed
 * on another instance is never used here after its destruction was acknowledged.
 *
 * A key is made here and stored only with the first append that carries data sealed under it
 * (`storePending`): a refused command leaves no key behind. When another instance stored a key for
 * the pupil first, this one is dropped and the command is decided again (as on any conflict).
 *
 * Destruction overwrites the key's row, deletes it and remembers the pupil in one transaction, then
 * vacuums the table. PostgreSQL writes a new row version rather than overwriting in place: the old
 * bytes stay in the table's pages until space is reused after the vacuum, in the write-ahead log
 * until its segments are recycled, and in base backups and WAL archives for as long as they are
 * kept (README, "Scaling out").
 */
export class SharedKeys implements PupilKeys {
  private readonly known = new Map<string, Known>();
  private readonly pending = new Map<string, Buffer>();

  constructor(private readonly state: SharedState) {}

  keyFor(pupilId: string, create: boolean): Buffer | null {
    const known = this.known.get(pupilId);
    if (known?.key) return known.key;
    if (known?.destroyed) return null;
    const made = this.pending.get(pupilId);
    if (made || !create) return made ?? null;
    const key = randomBytes(32);
    this.pending.set(pupilId, key);
    return key;
  }

  isDestroyed(pupilId: string): boolean {
    return this.known.get(pupilId)?.destroyed ?? false;
  }

  isShredding(pupilId: string): boolean {
    const k = this.known.get(pupilId);
    return (k?.destroyed ?? false) || (k?.shredding ?? false);
  }

  /** Reads the pupil's key, destruction and intent as they are now, for every instance. */
  async refresh(pupilId: string): Promise<void> {
    const s = this.state.s;
    const [row] = await this.state.query<{ key: Buffer | null; destroyed: boolean; shredding: boolean }>(
      `SELECT (SELECT key FROM ${s}.pupil_keys WHERE pupil_id = $1) AS key,
              EXISTS (SELECT 1 FROM ${s}.destroyed_keys WHERE pupil_id = $1) AS destroyed,
              EXISTS (SELECT 1 FROM ${s}.shred_intents WHERE pupil_id = $1) AS shredding`,
      [pupilId],
    );
    this.remember(pupilId, row);
  }

  /**
   * Stores the keys this instance made for these pupils, before the events sealed under them are
   * appended. Answers the pupils whose key was made elsewhere first (or destroyed meanwhile): what
   * was sealed here must be decided again.
   */
  async storePending(pupilIds: readonly string[]): Promise<string[]> {
    const lost: string[] = [];
    for (const pupilId of pupilIds) {
      const made = this.pending.get(pupilId);
      if (!made) continue;
      const stored = await this.state.transaction(async (c) => {
        await this.lock(c, pupilId);
        const s = this.state.s;
        await c.query(
          `INSERT INTO ${s}.pupil_keys (pupil_id, key) SELECT $1, $2 WHERE NOT EXISTS (SELECT 1 FROM ${s}.destroyed_keys WHERE pupil_id = $1)
             ON CONFLICT (pupil_id) DO NOTHING`,
          [pupilId, made],
        );
        const { rows } = await c.query<{ key: Buffer | null; destroyed: boolean }>(
          `SELECT (SELECT key FROM ${s}.pupil_keys WHERE pupil_id = $1) AS key, EXISTS (SELECT 1 FROM ${s}.destroyed_keys WHERE pupil_id = $1) AS destroyed`,
          [pupilId],
        );
        return rows[0];
      });
      this.pending.delete(pupilId);
      this.remember(pupilId, { ...stored, shredding: this.known.get(pupilId)?.shredding ?? false });
      if (!stored.key || !stored.key.equals(made)) lost.push(pupilId);
    }
    return lost;
  }

  async recordIntent(intent: ShredIntent): Promise<void> {
    await this.state.query(
      `INSERT INTO ${this.state.s}.shred_intents (pupil_id, payload) VALUES ($1, $2) ON CONFLICT (pupil_id) DO UPDATE SET payload = EXCLUDED.payload`,
      [intent.pupilId, intent.payload],
    );
    const k = this.known.get(intent.pupilId);
    this.remember(intent.pupilId, { key: k?.key ?? null, destroyed: k?.destroyed ?? false, shredding: true });
  }

  async pendingIntents(): Promise<ShredIntent[]> {
    const rows = await this.state.query<{ pupil_id: string; payload: string }>(`SELECT pupil_id, payload FROM ${this.state.s}.shred_intents ORDER BY pupil_id`);
    return rows.map((r) => ({ pupilId: r.pupil_id, payload: r.payload }));
  }

  async destroyKey(pupilId: string): Promise<void> {
    const s = this.state.s;
    await this.state.transaction(async (c) => {
      await this.lock(c, pupilId);
      await c.query(`UPDATE ${s}.pupil_keys SET key = $2 WHERE pupil_id = $1`, [pupilId, Buffer.alloc(32)]);
      await c.query(`DELETE FROM ${s}.pupil_keys WHERE pupil_id = $1`, [pupilId]);
      await c.query(`INSERT INTO ${s}.destroyed_keys (pupil_id) VALUES ($1) ON CONFLICT (pupil_id) DO NOTHING`, [pupilId]);
    });
    this.pending.delete(pupilId);
    this.remember(pupilId, { key: null, destroyed: true, shredding: this.known.get(pupilId)?.shredding ?? false });
    // Dead row versions go at once rather than at autovacuum's next turn; a failure changes nothing that was promised.
    await this.state.query(`VACUUM ${s}.pupil_keys`).catch(() => undefined);
  }

  async clearIntent(pupilId: string): Promise<void> {
    await this.state.query(`DELETE FROM ${this.state.s}.shred_intents WHERE pupil_id = $1`, [pupilId]);
    const k = this.known.get(pupilId);
    if (k) this.remember(pupilId, { ...k, shredding: false });
  }

  condition(): StoreCondition {
    return this.state.condition();
  }

  close(): void {
    this.known.clear();
    this.pending.clear();
  }

  private async lock(c: PoolClient, pupilId: string): Promise<void> {
    await c.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [KEY_LOCK, pupilId]);
  }

  private remember(pupilId: string, k: Known): void {
    this.known.delete(pupilId);
    this.known.set(pupilId, { key: k.key ?? null, destroyed: k.destroyed, shredding: k.shredding });
    if (k.destroyed) this.pending.delete(pupilId);
    if (this.known.size > REMEMBERED) this.known.delete(this.known.keys().next().value as string);
  }
}
