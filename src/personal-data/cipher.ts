import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { EncryptedField } from '../ledger/domain/encrypted';

/** AES-256-GCM; the pupil id is bound as associated data, so a field cannot be moved to another pupil. */
export const seal = (key: Buffer, pupilId: string, value: unknown): EncryptedField => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(pupilId));
  const ct = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return { alg: 'A256GCM', iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ct: ct.toString('base64') };
};

export const unseal = (key: Buffer, pupilId: string, field: EncryptedField): unknown => {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(field.iv, 'base64'));
  decipher.setAAD(Buffer.from(pupilId));
  decipher.setAuthTag(Buffer.from(field.tag, 'base64'));
  return JSON.parse(Buffer.concat([decipher.update(Buffer.from(field.ct, 'base64')), decipher.final()]).toString('utf8'));
};
