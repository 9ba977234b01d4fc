import { CancelledError, DeadlineExceededError, NotLeaderError, TimeoutError, UnavailableError } from '@eventstore/db-client';
import { errorMessage } from '../../ledger/domain/errors';
import type { FaultKind } from '../remote-store-condition';

/** Our own deadline passed before the client gave up: a peer that took the connection and never answered. */
export class DeadlineReached extends Error {
  constructor(readonly ms: number) {
    super(`EventStoreDB did not answer within ${ms} ms`);
    this.name = 'DeadlineReached';
  }
}

/**
 * `work` under its own deadline: the client is asked to give up after `ms` (gRPC deadline), and
 * whatever it does, the call is given up here shortly after, so no request waits on a silent peer.
 */
export const withDeadline = <T>(ms: number, work: (deadline: number) => Promise<T>): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new DeadlineReached(ms)), ms + 250);
    work(ms).then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });

/** Every item of a read, under the call's deadline. */
export const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
};

/** A client error in the ledger's terms: a cluster that cannot take the call now is unreachable (503). */
export const classifyEsdbFault = (e: unknown): FaultKind => {
  if (e instanceof DeadlineReached || e instanceof DeadlineExceededError || e instanceof TimeoutError)
    return { kind: 'unreachable', reason: 'EventStoreDB did not answer within its deadline' };
  if (
    e instanceof UnavailableError ||
    e instanceof NotLeaderError ||
    e instanceof CancelledError ||
    /ECONNREFUSED|UNAVAILABLE|No connection established|Failed to discover/i.test(errorMessage(e))
  )
    return { kind: 'unreachable', reason: 'EventStoreDB cannot be reached (no leader answers)' };
  return null;
};
