import type { EventData } from '@eventstore/db-client';
import { GENESIS, chainHash } from '../../core/hash-chain';
import type { AppendOptions, StreamWrite } from '../../core/ports/event-store.port';
import { esdbEventId, toEsdbEvent } from './esdb-mapping';

/** A stream's last event as the next append chains on it: revision, hash, `recordedAt` (ISO UTC). */
export interface Head {
  readonly revision: number;
  readonly hash: string;
  readonly recordedAt: string;
}

/**
 * One write's events as the client sends them, each chained on the one before and the first on
 * `head` (GENESIS for a new stream): the hash is the embedded store's, over the envelope with the
 * JSON as written, so one verification serves either log. `write` is the write's place in the
 * append, for the deterministic ids (see `esdbEventId`).
 */
export const chainForEsdb = (w: StreamWrite, head: Head | null, recordedAt: string, write: number, idem: AppendOptions['idempotency']): EventData[] => {
  let prevHash = head?.hash ?? GENESIS;
  const first = (head?.revision ?? -1) + 1;
  return w.events.map((e, index) => {
    const stored = {
      eventId: e.eventId,
      stream: w.stream,
      revision: first + index,
      type: e.type,
      occurredAt: e.occurredAt,
      recordedAt,
      metadata: JSON.stringify(e.metadata),
      data: JSON.stringify(e.data),
    };
    const hash = chainHash(prevHash, stored);
    const data = toEsdbEvent(esdbEventId(e, { write, index }, idem), e, { recordedAt, prevHash, hash });
    prevHash = hash;
    return data;
  });
};
