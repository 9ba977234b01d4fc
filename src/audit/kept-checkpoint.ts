import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SignedCheckpoint } from './checkpoint';
import { errorMessage } from '../ledger/domain/errors';

/**
 * The ledger's own copy of its latest checkpoint, outside events.db, in the data directory: a log
 * replaced, emptied or rolled back while the ledger was stopped no longer holds what it seals, and
 * the ledger does not start on it. (An auditor keeps copies outside the machine; this one only
 * guards against accidents.) Same shape as `POST /audit/checkpoints` answers.
 */
export const KEPT_CHECKPOINT_FILE = 'audit-checkpoint.json';

/** A checkpoint verified against the log, and where it was kept (named in every problem found with it). */
export interface KeptCheckpoint {
  readonly checkpoint: SignedCheckpoint;
  readonly keptIn: string;
}

const HEX64 = /^[0-9a-f]{64}$/;

const asCheckpoint = (v: unknown, where: string): SignedCheckpoint => {
  const c = v as Record<string, unknown>;
  const bad = [
    typeof c?.position !== 'string' || !/^\d+$/.test(c.position) ? 'position (a string of digits)' : null,
    !Number.isInteger(c?.events) || (c.events as number) < 0 ? 'events (a count)' : null,
    !Number.isInteger(c?.streams) || (c.streams as number) < 0 ? 'streams (a count)' : null,
    typeof c?.root !== 'string' || !HEX64.test(c.root) ? 'root (64 hex digits)' : null,
    typeof c?.createdAt !== 'string' ? 'createdAt' : null,
    typeof c?.signature !== 'string' || c.signature.length === 0 ? 'signature' : null,
  ].filter((b): b is string => b !== null);
  if (bad.length > 0) throw new Error(`${where} is not a signed checkpoint: missing or wrong ${bad.join(', ')}`);
  const { position, events, streams, root, createdAt, signature } = c as unknown as SignedCheckpoint;
  return { position, events, streams, root, createdAt, signature };
};

/**
 * Reads checkpoints kept outside the ledger: one as `POST /audit/checkpoints` answers it, or a
 * list as `GET /audit/checkpoints` does (`{checkpoints: [...]}`), or a bare JSON array.
 * Throws an Error naming the file and what is wrong with it.
 */
export const readKeptCheckpoints = (file: string): KeptCheckpoint[] => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file} cannot be read as JSON: ${errorMessage(e)}`);
  }
  const list = Array.isArray(parsed) ? parsed : parsed && typeof parsed === 'object' && 'checkpoints' in parsed ? parsed.checkpoints : [parsed];
  if (!Array.isArray(list) || list.length === 0) throw new Error(`${file} holds no checkpoint`);
  // In a list, each is named by its place too: which checkpoint the log fell behind.
  return list.map((c, i) => ({
    checkpoint: asCheckpoint(c, list.length > 1 ? `${file}, checkpoint ${i + 1},` : file),
    keptIn: list.length > 1 ? `${file} (checkpoint ${i + 1} of ${list.length})` : file,
  }));
};

/** The ledger's own kept copy in a data directory, when there is one. */
export const keptInDataDir = (dataDir: string): KeptCheckpoint | null => {
  const file = join(dataDir, KEPT_CHECKPOINT_FILE);
  return existsSync(file) ? { ...readKeptCheckpoints(file)[0], keptIn: KEPT_CHECKPOINT_FILE } : null;
};

/** Writes the ledger's kept copy whole, or not at all: a temporary file, synced, then renamed over the old one. */
export const keepCheckpoint = (dataDir: string, cp: SignedCheckpoint): void => {
  const file = join(dataDir, KEPT_CHECKPOINT_FILE);
  const part = `${file}.part`;
  const fd = openSync(part, 'w', 0o644);
  try {
    writeSync(fd, JSON.stringify(cp, null, 2) + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(part, file);
  const dir = openSync(dirname(file), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
};
