import type { StoreCondition } from '../core/ports/event-store.port';
import type { ShredIntent } from './key-store';

/**
 * The pupils' keys as the ledger uses them, wherever they are kept: in keys.db beside the embedded
 * store (KeyStore), or in PostgreSQL for every instance at once (SharedKeys). Lookups answer at
 * once (a command asks before every decision); writes may take a round trip. The DI token stays
 * the `KeyStore` class.
 */
export interface PupilKeys {
  /** The pupil's key, made on first use when `create`; null once destroyed, and never made again after that. */
  keyFor(pupilId: string, create: boolean): Buffer | null;
  isDestroyed(pupilId: string): boolean;
  /** A destruction recorded or under way. */
  isShredding(pupilId: string): boolean;
  recordIntent(intent: ShredIntent): void | Promise<void>;
  pendingIntents(): ShredIntent[] | Promise<ShredIntent[]>;
  /** Overwrites and deletes the key; the pupil is remembered as destroyed. */
  destroyKey(pupilId: string): void | Promise<void>;
  clearIntent(pupilId: string): void | Promise<void>;
  /** Whether keys can be made and destroyed now (for /health). */
  condition(): StoreCondition;
  close(): void | Promise<void>;
}
