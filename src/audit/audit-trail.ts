import type { KeyObject } from 'node:crypto';
import { merkleRoot } from '../core/hash-chain';
import type { AuditLog, SignedCheckpoint } from '../core/ports/audit-log.port';
import { signCheckpoint } from './checkpoint';
import { keepCheckpoint, keptInDataDir } from './kept-checkpoint';
import { type KeptSeal, verifyAuditLog, type VerifyReport } from './verify-log';

/**
 * Seals and verifies one store's log: shared by the running ledger and the `ledger` command. With a
 * data directory, every seal is also kept outside the log (audit-checkpoint.json), and every
 * verification holds the log against that kept copy too.
 */
export class AuditTrail {
  constructor(
    private readonly log: Omit<AuditLog, 'condition'>,
    /** `keyName` says whose key checks the signatures in what verification reports. */
    private readonly keys: { readonly privateKey?: KeyObject; readonly publicKey: KeyObject | null; readonly keyName?: string },
    private readonly dataDir: string | null = null,
  ) {}

  /** Seals the log as it is now (`now`: UTC, ISO-8601); a log that has not grown since the last seal keeps that one. */
  async checkpoint(now: string): Promise<SignedCheckpoint> {
    if (!this.keys.privateKey) throw new Error('no signing key: checkpoints are made by the ledger itself');
    const { position, events, heads } = await this.log.heads();
    const latest = (await this.log.checkpoints()).at(-1);
    const unchanged = latest && latest.position === (position ?? '0') && latest.events === events;
    const cp = unchanged
      ? latest
      : signCheckpoint({ position: position ?? '0', events, streams: heads.size, root: merkleRoot(heads), createdAt: now }, this.keys.privateKey);
    if (!unchanged) await this.log.addCheckpoint(cp);
    if (this.dataDir) keepCheckpoint(this.dataDir, cp);
    return cp;
  }

  async checkpoints(): Promise<SignedCheckpoint[]> {
    return this.log.checkpoints();
  }

  /** Every chain and checkpoint, the ledger's kept copy and any checkpoints an auditor kept (`outside`). */
  verify(outside: readonly KeptSeal[] = []): Promise<VerifyReport> {
    const own = this.dataDir ? keptInDataDir(this.dataDir) : null;
    const keyName = this.keys.keyName ?? 'the ledger’s public key';
    const kept = own ? [{ ...own, publicKey: this.keys.publicKey, keyName }] : [];
    // One check per checkpoint: an auditor's copy of the ledger's own latest seal is named as theirs.
    const seen = new Set<string>();
    const seals = [...outside, ...kept].filter((k) => !seen.has(k.checkpoint.signature) && seen.add(k.checkpoint.signature));
    return verifyAuditLog(this.log, this.keys.publicKey, seals, keyName);
  }
}
