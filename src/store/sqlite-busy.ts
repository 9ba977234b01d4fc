/** Another connection holds the lock for a moment: the checkpoint thread, or a second process. */
export const isBusy = (e: unknown): boolean => String((e as { code?: unknown })?.code ?? '').startsWith('SQLITE_BUSY');
