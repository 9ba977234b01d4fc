/**
 * Personal data travels inside events only in this shape: AES-256-GCM under the pupil's own key.
 * Destroying the key (crypto-shredding) leaves these bytes unreadable forever.
 */
export interface EncryptedField {
  readonly alg: 'A256GCM';
  readonly iv: string;
  readonly tag: string;
  readonly ct: string;
}

/** What a reader sees in place of a personal field once the pupil's key is destroyed. */
export interface ShreddedMarker {
  readonly shredded: true;
  readonly reason: string;
}

export const isEncrypted = (v: unknown): v is EncryptedField => typeof v === 'object' && v !== null && (v as { alg?: unknown }).alg === 'A256GCM';
