import type { EncryptedField, ShreddedMarker } from '../ledger/domain/encrypted';
import { isEncrypted } from '../ledger/domain/encrypted';
import { seal, unseal } from './cipher';
import type { KeyStore } from './key-store';

export const PERSONAL_DATA = Symbol('PersonalData');

/** Encrypts personal fields under the pupil's key, and reads them back or as "shredded". */
export class PersonalData {
  /** Only these two of the key store are needed: a read-only copy's keys (read-only-keys.ts) serve too. */
  constructor(private readonly keys: Pick<KeyStore, 'keyFor' | 'isDestroyed'>) {}

  seal(pupilId: string, value: unknown): EncryptedField {
    const key = this.keys.keyFor(pupilId, true);
    if (!key) throw new Error(`the key of pupil ${pupilId} was destroyed`);
    return seal(key, pupilId, value);
  }

  open<T>(pupilId: string, field: EncryptedField): T | ShreddedMarker {
    const key = this.keys.keyFor(pupilId, false);
    if (!key) return { shredded: true, reason: 'the dossier was destroyed and its key with it' };
    return unseal(key, pupilId, field) as T;
  }

  /** Replaces every encrypted field in a JSON value by its plain value or a shredded marker. */
  reveal(pupilId: string, value: unknown): unknown {
    if (isEncrypted(value)) return this.open(pupilId, value);
    if (Array.isArray(value)) return value.map((v) => this.reveal(pupilId, v));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.reveal(pupilId, v)]));
    return value;
  }

  /**
   * For views that never show personal data (DESIGN: decrypted only in history and export): each
   * field shows as `{encrypted: true}`, or as the shredded marker once the pupil's key is destroyed.
   */
  withhold(pupilId: string, value: unknown): unknown {
    if (!this.keys.isDestroyed(pupilId)) return PersonalData.conceal(value);
    return this.reveal(pupilId, value);
  }

  /** For readers who may not see personal data: the field is there, its content is not. */
  static conceal(value: unknown): unknown {
    if (isEncrypted(value)) return { encrypted: true };
    if (Array.isArray(value)) return value.map((v) => PersonalData.conceal(v));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, PersonalData.conceal(v)]));
    return value;
  }
}
