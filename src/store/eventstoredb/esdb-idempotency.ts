import { NO_STREAM, START, StreamNotFoundError, WrongExpectedVersionError } from '@eventstore/db-client';
import type { IdempotencyRecord } from '../../core/ports/event-store.port';
import type { EsdbClient } from './esdb-client';
import { collect } from './esdb-faults';
import { idempotencyRecordEvent, idempotencyStream } from './esdb-mapping';
import type { Call } from './esdb-reads';

/**
 * Writes an idempotency key's record as the first event of its own stream (`NO_STREAM`), after the
 * append's events: without a transaction, the first record of a key stands. Throws the call's
 * failure (the store's `unavailable`), never for another record already written under the key.
 */
export const recordIdempotency = async (call: Call, client: EsdbClient, prefix: string, r: IdempotencyRecord): Promise<void> => {
  await call((deadline) =>
    client.appendToStream(prefix + idempotencyStream(r.scope, r.key), [idempotencyRecordEvent(r)], { expectedRevision: NO_STREAM, deadline }),
  ).catch((e: unknown) => {
    // Another append under the same key recorded first: its record stands.
    if (!(e instanceof WrongExpectedVersionError)) throw e;
  });
};

/** The record of an idempotency key, undefined when none was written. Throws the call's failure. */
export const readIdempotency = async (call: Call, client: EsdbClient, prefix: string, scope: string, key: string): Promise<IdempotencyRecord | undefined> => {
  try {
    const [first] = await call((deadline) =>
      collect(client.readStream(prefix + idempotencyStream(scope, key), { fromRevision: START, maxCount: 1, deadline })),
    );
    return first?.event?.data as IdempotencyRecord | undefined;
  } catch (e) {
    if (e instanceof StreamNotFoundError) return undefined;
    throw e;
  }
};
