import { DomainError, errorCode } from '../ledger/domain/errors';

const codeOf = errorCode;

/**
 * STORE.UNAVAILABLE. `written`: the command reached the file that was lost just before the loss was
 * seen, so it is in the saved copy but was not acknowledged; a repeat with the same Idempotency-Key
 * answers the first answer once the ledger runs on that copy.
 */
export const unavailable = (reason: string, written = false): DomainError =>
  new DomainError(
    'STORE.UNAVAILABLE',
    written
      ? `the ledger cannot acknowledge this command: ${reason}. It may be in the saved copy: repeat it with the same Idempotency-Key once the ledger runs again.`
      : `the ledger cannot record anything now: ${reason}. Nothing was recorded.`,
    [{ problem: reason }],
  );

export const diskFull = (): DomainError =>
  new DomainError('STORE.DISK_FULL', 'the disk holding the ledger’s data is full: nothing was recorded. Commands are taken again as soon as space is freed.', [
    { problem: 'no space left on the disk holding the data directory' },
  ]);

/** STORE.DISK_FULL for a write that failed for lack of space (SQLITE_FULL, ENOSPC); any other error as it is. */
export const diskFullOr = (e: unknown): unknown => (['SQLITE_FULL', 'ENOSPC'].includes(codeOf(e)) ? diskFull() : e);
