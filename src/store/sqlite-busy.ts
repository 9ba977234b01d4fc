import { errorCode } from '../ledger/domain/errors';
/** Another connection holds the lock for a moment: the checkpoint thread, or a second process. */
/** How long a writer waits for such a lock before it gives up and fails. */
export const BUSY_GIVE_UP_MS = 10_000;

export const isBusy = (e: unknown): boolean => errorCode(e).startsWith('SQLITE_BUSY');
