import type { RecordedEvent } from '../../ledger/domain/recorded-event';
import type { EventStore } from '../../core/ports/event-store.port';

/** Pages of the log one request reads at most, so a rare school's feed cannot make one answer scan the log. */
const MAX_PAGES = 10;

/**
 * A page of the global log holding up to `limit` events that `keep` accepts. `next` is the last
 * position read, kept or not: a consumer whose key sees only some schools moves past the others'
 * events instead of being handed the same page again. A page may be short (even empty) with a
 * `next` further on when `MAX_PAGES` were read; only a page whose `next` stays put means "up to date".
 */
export const readFiltered = async (
  store: EventStore,
  after: string | null,
  limit: number,
  keep: (e: RecordedEvent) => boolean,
): Promise<{ events: RecordedEvent[]; next: string | null }> => {
  const events: RecordedEvent[] = [];
  let next = after;
  for (let pages = 1; ; pages++) {
    const page = await store.readAll(next, limit);
    for (const e of page) {
      next = e.position;
      if (!keep(e)) continue;
      events.push(e);
      if (events.length === limit) return { events, next };
    }
    if (page.length < limit || pages === MAX_PAGES) return { events, next };
  }
};
