import { existsSync, rmSync } from 'node:fs';
import { PROJECTIONS } from '../../projections';
import { type BoardReport, boardReport, defaultScope } from '../../projections/board-report';
import { pupilsProjection } from '../../projections/pupils.projection';
import { recipientsProjection } from '../../projections/recipients.projection';
import { type Sharings, sharingsProjection } from '../../projections/sharings.projection';
import { evolveCatalogue, initialCatalogueState } from '../catalogue/domain/catalogue-decider';
import type { RecordedEvent } from '../ledger/domain/recorded-event';
import { ms } from '../ledger/domain/time';
import type { PupilState } from '../pupils/domain/pupil-state';
import type { RecipientState } from '../recipients/domain/recipient-state';
import { DocStore } from '../read-models/doc-store';
import { foldBatch } from '../read-models/fold-batch';
import type { RawEvent } from '../core/hash-chain';
import { toRecorded } from './raw-to-recorded';

export interface ReplayMoment {
  /** Business time: only what had happened by then. */
  readonly until: string;
  /** Record time: only what the ledger had recorded by then; everything when absent. */
  readonly knownAt?: string;
}

export interface ReplayResult {
  readonly events: number;
  readonly folded: number;
  readonly report: BoardReport;
}

const BATCH = 2000;

/**
 * Rebuilds every projection as of a moment into a file of its own, with the same folds the live
 * ledger runs, and returns the board report of that moment.
 */
export const replay = async (
  source: Iterable<RawEvent>,
  moment: ReplayMoment,
  out: string,
  onProgress: (seen: number) => void = () => undefined,
): Promise<ReplayResult> => {
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(out + suffix)) rmSync(out + suffix);
  const docs = new DocStore(out);
  const included = (e: RecordedEvent) => ms(e.occurredAt) <= ms(moment.until) && (moment.knownAt === undefined || ms(e.recordedAt) <= ms(moment.knownAt));
  let seen = 0;
  let folded = 0;
  let batch: RecordedEvent[] = [];
  // The catalogue as it stood at the moment: a purpose defined later is not in that report.
  let catalogue = initialCatalogueState;
  const flush = () => {
    for (const p of PROJECTIONS)
      docs.commit(
        p.name,
        p.version,
        foldBatch(p, batch, (key) => docs.get(p.name, key)),
        String(seen),
      );
    folded += batch.length;
    batch = [];
    onProgress(seen);
  };
  for (const raw of source) {
    seen++;
    const e = toRecorded(raw);
    if (included(e)) {
      batch.push(e);
      catalogue = evolveCatalogue(catalogue, e);
    }
    if (batch.length >= BATCH) flush();
  }
  flush();
  const pupils = docs.all<PupilState>(pupilsProjection.name);
  const sharings = docs.all<Sharings>(sharingsProjection.name, 'pupil:').flatMap((s) => s.lines);
  const recipients = docs.all<RecipientState>(recipientsProjection.name);
  const report = boardReport(pupils, sharings, catalogue.purposes, defaultScope({ to: moment.until }, moment.until), recipients);
  await docs.close();
  return { events: seen, folded, report };
};
