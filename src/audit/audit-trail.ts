import type { KeyObject } from 'node:crypto';
import { type SignedCheckpoint, signCheckpoint } from './checkpoint';
import { merkleRoot } from './hash-chain';
import { verifyLog, type VerifyReport } from './verify-log';
import type { SqliteAuditLog } from '../store/sqlite-audit-log';

/** Seals and verifies one store file: shared by the running ledger and the `ledger` command. */
export class AuditTrail {
  constructor(
    private readonly log: SqliteAuditLog,
    private readonly keys: { readonly privateKey?: KeyObject; readonly publicKey: KeyObject | null },
  ) {}

  /** Seals the log as it is now; a log that has not grown since the last seal keeps that one. */
  checkpoint(now: string): SignedCheckpoint {
    if (!this.keys.privateKey) throw new Error('no signing key: checkpoints are made by the ledger itself');
    const { position, events, heads } = this.log.heads();
    const latest = this.log.checkpoints().at(-1);
    if (latest && latest.position === (position ?? '0') && latest.events === events) return latest;
    const cp = signCheckpoint({ position: position ?? '0', events, streams: heads.size, root: merkleRoot(heads), createdAt: now }, this.keys.privateKey);
    this.log.addCheckpoint(cp);
    return cp;
  }

  checkpoints(): SignedCheckpoint[] {
    return this.log.checkpoints();
  }

  verify(): VerifyReport {
    return verifyLog(this.log, this.keys.publicKey);
  }
}
