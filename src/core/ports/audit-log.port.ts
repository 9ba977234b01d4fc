import type { RawEvent } from '../hash-chain';
import type { StoreCondition } from './event-store.port';

/** A seal over the whole log at one global position: how many events, and a root over every stream head. */
export interface CheckpointBody {
  readonly position: string;
  readonly events: number;
  readonly streams: number;
  readonly root: string;
  /** When it was sealed: UTC, ISO-8601 with milliseconds. */
  readonly createdAt: string;
}

export interface SignedCheckpoint extends CheckpointBody {
  /** Ed25519 over the checkpoint's signed bytes (src/audit/checkpoint.ts), base64. */
  readonly signature: string;
}

/** Every stream's last revision and hash, and the log's head (null when empty) with its number of events, in one snapshot. */
export interface LogHeads {
  readonly position: string | null;
  readonly events: number;
  readonly heads: ReadonlyMap<string, { readonly revision: number; readonly hash: string }>;
}

/**
 * What verification reads: every stored event as stored (JSON as its text), in global order, and
 * the signed checkpoints. Synchronous for a file read in-process, asynchronous for a database
 * across the network: a verifier takes either.
 */
export interface AuditSource {
  rawEvents(): Iterable<RawEvent> | AsyncIterable<RawEvent>;
  checkpoints(): SignedCheckpoint[] | Promise<SignedCheckpoint[]>;
}

/**
 * The audit side of a store: what the audit trail seals and verifies. A store adapter gives it
 * over its own connection (never a second one to the same log); the checkpoints are kept beside
 * the events, as immutable as they are.
 */
export interface AuditLog extends AuditSource {
  heads(): Promise<LogHeads>;
  /** Keeps a checkpoint. Throws the ledger's STORE.DISK_FULL or STORE.UNAVAILABLE when it cannot. */
  addCheckpoint(c: SignedCheckpoint): Promise<void>;
  /** Whether an event is stored at this position (positions are never reused, events never deleted). */
  holds(position: string): Promise<boolean>;
  /** The store's condition: a log no longer at its path (`lost`) is neither sealed nor verified. */
  condition(): StoreCondition;
}

export const AUDIT_LOG = Symbol('AuditLog');
