import type { SignedCheckpoint } from '../../../core/ports/audit-log.port';

/** The columns of `audit_checkpoints`, in the order of `seq`: how they are read back, by the ledger and by the auditor's command alike. */
export const CHECKPOINT_COLUMNS = 'position, events, streams, root, created_at, signature';

/** A row of `audit_checkpoints` as PostgreSQL gives it (bigints as text). */
export interface CheckpointRow {
  readonly position: string;
  readonly events: string;
  readonly streams: string;
  readonly root: string;
  readonly created_at: string;
  readonly signature: string;
}

export const checkpointOf = (r: CheckpointRow): SignedCheckpoint => ({
  position: r.position,
  events: Number(r.events),
  streams: Number(r.streams),
  root: r.root,
  createdAt: r.created_at,
  signature: r.signature,
});
