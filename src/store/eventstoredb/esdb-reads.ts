import { BACKWARDS, END, FORWARDS, type ReadPosition, START } from '@eventstore/db-client';
import type { RecordedEvent } from '../../ledger/domain/recorded-event';
import type { EsdbClient } from './esdb-client';
import { collect } from './esdb-faults';
import { fromEsdb, parsePosition, positionText } from './esdb-mapping';

/** A call to the cluster under the store's deadline and condition. */
export type Call = <T>(work: (deadline: number) => Promise<T>) => Promise<T>;

const page = (limit: number) => Math.min(Math.max(limit + 1, 64), 4096);

/**
 * Ledger events of `$all` after a position (exclusive; `inclusive` for the event at it), in
 * global order, `limit` at most. System events, idempotency records and other applications'
 * events are passed over, reading on until `limit` ledger events are found or `$all` ends, so a
 * short answer always means "nothing more now" (a subscription relies on that).
 */
export const readAllAfter = async (
  call: Call,
  client: EsdbClient,
  prefix: string,
  after: string | null,
  limit: number,
  inclusive = false,
): Promise<RecordedEvent[]> => {
  let from: ReadPosition = START;
  let skip: string | null = null;
  if (after !== null) {
    const p = parsePosition(after);
    if (!p) throw new Error(`${JSON.stringify(after)} is not a position of the EventStoreDB store`);
    from = p;
    skip = inclusive ? null : after;
  }
  const out: RecordedEvent[] = [];
  const size = page(limit);
  for (;;) {
    const read = await call((deadline) => collect(client.readAll({ fromPosition: from, direction: FORWARDS, maxCount: size, deadline })));
    for (const r of read) {
      // Reading `$all` from a position includes the event at it.
      if (r.event?.position && positionText(r.event.position) === skip) continue;
      const mapped = fromEsdb(r, prefix);
      if (mapped) out.push(mapped.event);
      if (out.length === limit) return out;
    }
    const last = read[read.length - 1]?.event?.position;
    if (read.length < size || !last) return out;
    from = last;
    skip = positionText(last);
  }
};

/** The position of the last ledger event, null when there is none. */
export const readHead = async (call: Call, client: EsdbClient, prefix: string): Promise<string | null> => {
  let from: ReadPosition = END;
  const size = 256;
  for (;;) {
    const read = await call((deadline) => collect(client.readAll({ fromPosition: from, direction: BACKWARDS, maxCount: size, deadline })));
    for (const r of read) {
      const mapped = fromEsdb(r, prefix);
      if (mapped) return mapped.event.position;
    }
    const last = read[read.length - 1]?.event?.position;
    if (read.length < size || !last) return null;
    from = last;
  }
};
