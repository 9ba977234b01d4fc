import type { SignedCheckpoint } from '../../../audit/checkpoint';
import { type RawEvent, type StoredEventRow as RawRow, rawEventOf as toRaw } from '../../../core/hash-chain';
import { CHECKPOINT_COLUMNS, type CheckpointRow, checkpointOf } from './checkpoint-rows';
import type { SharedState } from './shared-state';

/**
 * The PostgreSQL log as an auditor reads it (the events as stored, beside the shared signed
 * checkpoints): what SqliteAuditLog is for the embedded store, asynchronously.
 */
export class PostgresAuditLog {
  constructor(private readonly state: SharedState) {}

  /** Every stream's last revision and hash, and the log's head and size, in one snapshot. */
  heads(): Promise<{ position: string | null; events: number; heads: Map<string, { revision: number; hash: string }> }> {
    const s = this.state.s;
    return this.state.transaction(async (c) => {
      await c.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const { rows } = await c.query<{ stream: string; revision: number; hash: string }>(
        `SELECT DISTINCT ON (stream) stream, revision, hash FROM ${s}.events ORDER BY stream, revision DESC`,
      );
      const last = (await c.query<{ position: string | null; n: string }>(`SELECT max(position)::text AS position, count(*) AS n FROM ${s}.events`)).rows[0];
      return { position: last.position, events: Number(last.n), heads: new Map(rows.map((r) => [r.stream, { revision: r.revision, hash: r.hash }])) };
    });
  }

  /** Every stored event in position order, read in pages; held in memory for verifyLog's one pass. */
  async rawEvents(pageSize = 5000): Promise<RawEvent[]> {
    const all: RawEvent[] = [];
    for (let after = '0'; ;) {
      const rows = await this.state.query<RawRow>(
        // Ordered by the column, not by its text (the alias): "10" sorts before "9".
        `SELECT e.position::text AS position, e.event_id, e.stream, e.revision, e.type, e.occurred_at, e.recorded_at, e.metadata, e.data, e.prev_hash, e.hash
           FROM ${this.state.s}.events e WHERE e.position > $1 ORDER BY e.position LIMIT $2`,
        [after, pageSize],
      );
      if (rows.length === 0) return all;
      all.push(...rows.map(toRaw));
      after = String(rows[rows.length - 1].position);
    }
  }

  async checkpoints(): Promise<SignedCheckpoint[]> {
    const rows = await this.state.query<CheckpointRow>(`SELECT ${CHECKPOINT_COLUMNS} FROM ${this.state.s}.audit_checkpoints ORDER BY seq`);
    return rows.map(checkpointOf);
  }

  async addCheckpoint(c: SignedCheckpoint): Promise<void> {
    await this.state.query(
      `INSERT INTO ${this.state.s}.audit_checkpoints (position, events, streams, root, created_at, signature) VALUES ($1, $2, $3, $4, $5, $6)`,
      [c.position, c.events, c.streams, c.root, c.createdAt, c.signature],
    );
  }
}
