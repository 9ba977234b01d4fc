import type { Pool, PoolClient } from 'pg';
import type { RemoteStoreCondition } from '../remote-store-condition';

/**
 * `work` in one transaction on a connection of `pool`: committed when it returns, and every outcome
 * told to `health` (for /health and the store's condition). A connection that fails in any way is
 * dropped (`release(true)`): the server rolls back what did not commit. A failure during COMMIT is
 * told as one that may have been written (the server may have committed before the answer was lost).
 * @throws what `health.failed` makes of the error (STORE.UNAVAILABLE, STORE.DISK_FULL, or the error itself)
 */
export const inTransaction = async <T>(pool: Pool, health: RemoteStoreCondition, work: (c: PoolClient) => Promise<T>): Promise<T> => {
  let client: PoolClient;
  try {
    client = await pool.connect();
  } catch (e) {
    throw health.failed(e);
  }
  // A connection that breaks between two statements reports it as an event: the next statement fails anyway.
  const broke = (e: Error) => health.failed(e);
  client.on('error', broke);
  let committing = false;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    committing = true;
    await client.query('COMMIT');
    client.off('error', broke);
    client.release();
    health.answered();
    return result;
  } catch (e) {
    client.off('error', broke);
    client.release(true);
    throw health.failed(e, committing);
  }
};
