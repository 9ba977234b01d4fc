import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckpointBody, SignedCheckpoint } from '../core/ports/audit-log.port';

export type { CheckpointBody, SignedCheckpoint } from '../core/ports/audit-log.port';

export const signedBytes = (c: CheckpointBody): Buffer =>
  Buffer.from(JSON.stringify(['consent-ledger-checkpoint-v1', c.position, c.events, c.streams, c.root, c.createdAt]));

export const PRIVATE_KEY_FILE = 'audit-signing-key.pem';
export const PUBLIC_KEY_FILE = 'audit-public-key.pem';

/** The ledger's signing key, made on first use; the public half is exported for auditors. */
export const loadOrCreateSigningKey = (dataDir: string): { privateKey: KeyObject; publicKey: KeyObject; publicKeyFile: string } => {
  const privateFile = join(dataDir, PRIVATE_KEY_FILE);
  const publicKeyFile = join(dataDir, PUBLIC_KEY_FILE);
  if (!existsSync(privateFile)) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const pair = generateKeyPairSync('ed25519');
    writeFileSync(privateFile, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
    writeFileSync(publicKeyFile, pair.publicKey.export({ type: 'spki', format: 'pem' }));
  }
  chmodSync(privateFile, 0o600);
  const privateKey = createPrivateKey(readFileSync(privateFile));
  if (!existsSync(publicKeyFile)) writeFileSync(publicKeyFile, createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }));
  return { privateKey, publicKey: createPublicKey(privateKey), publicKeyFile };
};

export const readPublicKey = (file: string): KeyObject => createPublicKey(readFileSync(file));

export const signCheckpoint = (body: CheckpointBody, key: KeyObject): SignedCheckpoint => ({
  ...body,
  signature: sign(null, signedBytes(body), key).toString('base64'),
});

export const checkSignature = (c: SignedCheckpoint, key: KeyObject): boolean => {
  try {
    return verify(null, signedBytes(c), key, Buffer.from(c.signature, 'base64'));
  } catch {
    return false;
  }
};
