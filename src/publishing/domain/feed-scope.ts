import { type Schools, serves } from '../../ledger/domain/school-scope';
import type { IntegrationEvent } from './integration-event';

/** The register's events (recipients, agreements) and the catalogue's belong to the whole board: every feed holds them. */
const BOARD_WIDE: ReadonlySet<IntegrationEvent['type']> = new Set(['recipient.registered', 'agreement.concluded', 'agreement.ended', 'purpose.defined']);

/**
 * "Keys per school": the feed of a key that serves some schools holds those schools' pupil events
 * plus the register's; a key without schools gets everything. A pupil event is judged by its own
 * `schoolId`, so one with none reaches only the whole board's keys.
 */
export const inFeedOf =
  (schools: Schools) =>
  (e: Pick<IntegrationEvent, 'type' | 'schoolId'>): boolean =>
    schools === null || BOARD_WIDE.has(e.type) || serves(schools, e.schoolId);
