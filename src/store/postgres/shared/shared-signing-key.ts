import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { SharedState } from './shared-state';

/**
 * The audit signing key (Ed25519), one for every instance: made by the first that needs it, in
 * one row that only one insert can make, so checkpoints sealed by any lease holder verify with the
 * one public key. The private half never leaves the database and the instances' memory.
 */
export const sharedSigningKey = async (state: SharedState): Promise<{ privateKey: KeyObject; publicKey: KeyObject; publicKeyPem: string }> => {
  const pair = generateKeyPairSync('ed25519');
  await state.query(`INSERT INTO ${state.s}.audit_signing_key (id, private_pem, public_pem) VALUES (1, $1, $2) ON CONFLICT (id) DO NOTHING`, [
    pair.privateKey.export({ type: 'pkcs8', format: 'pem' }),
    pair.publicKey.export({ type: 'spki', format: 'pem' }),
  ]);
  const [row] = await state.query<{ private_pem: string; public_pem: string }>(`SELECT private_pem, public_pem FROM ${state.s}.audit_signing_key WHERE id = 1`);
  const privateKey = createPrivateKey(row.private_pem);
  return { privateKey, publicKey: createPublicKey(privateKey), publicKeyPem: row.public_pem };
};
