import { PUPIL_EVENT_TYPES } from '../src/pupils/domain/pupil-events';
import type { Projection } from './projection';

export interface HistoryLine {
  readonly eventId: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly position: string;
  readonly actor: { readonly id: string; readonly role: string };
  /** As recorded: personal fields stay encrypted here and are opened, or shredded, on reading. */
  readonly data: unknown;
}

/** Lines sort by revision within a pupil: the key's revision is zero-padded. */
export const historyKey = (pupilId: string, revision: number | '' = '') =>
  `${pupilId}/${revision === '' ? '' : String(revision).padStart(10, '0')}`;

/**
 * Everything recorded about a pupil, in the order it was recorded: one document per event, so a
 * long history never has to be read and rewritten to add a line.
 */
export const pupilHistoryProjection: Projection<HistoryLine | null> = {
  name: 'pupil-history',
  version: 2,
  handles: PUPIL_EVENT_TYPES,
  keys: (e) => [historyKey((e.data as { pupilId: string }).pupilId, e.revision)],
  initial: () => null,
  evolve: (_, e) => ({
    eventId: e.eventId,
    type: e.type,
    occurredAt: e.occurredAt,
    recordedAt: e.recordedAt,
    position: e.position,
    actor: e.metadata.actor,
    data: e.data,
  }),
};
