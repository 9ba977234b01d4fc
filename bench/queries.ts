import { accessAt } from '../projections/access.view';
import { consentCheck, consentsAsOf } from '../projections/consents.view';
import { type PupilConsents, pupilConsentsProjection } from '../projections/pupil-consents.projection';
import { pupilsProjection } from '../projections/pupils.projection';
import { recipientsProjection } from '../projections/recipients.projection';
import { pupilKey, recipientKey, type Sharings, sharingsProjection } from '../projections/sharings.projection';
import { DEFAULT_CATALOGUE } from '../src/ledger/domain/purposes';
import type { PupilState } from '../src/pupils/domain/pupil-state';
import type { RecipientState } from '../src/recipients/domain/recipient-state';
import type { DocStore } from '../src/read-models/doc-store';
import { libraryOf, pupilIdOf, schoolOf } from './history';
import { Prng } from './prng';
import { hrMs, percentile } from './stats';

export interface Latency {
  readonly p50: number;
  readonly p99: number;
  readonly samples: number;
}

const measure = (n: number, run: (i: number) => unknown): Latency => {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    run(i);
    samples.push(hrMs(t));
  }
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), samples: n };
};

/**
 * The read side as a query handler runs it (read-model documents plus the pure views), without
 * HTTP: what a director's question costs the ledger itself.
 */
export const measureQueries = (docs: DocStore, pupils: number, samples: number) => {
  const prng = new Prng(42);
  const pupil = (id: string) => docs.get<PupilState>(pupilsProjection.name, id);
  // The consent questions read the pupil's consents only, as their query handlers do.
  const consents = (id: string) => docs.read<PupilConsents>(pupilConsentsProjection.name, id);
  const recipient = (id: string) => docs.get<RecipientState>(recipientsProjection.name, id);
  const at = () => new Date(Date.UTC(2025, 8, 1) + prng.int(0, 300) * 86_400_000).toISOString();
  const somePupil = () => pupilIdOf(prng.int(0, pupils - 1));
  return {
    asOf: measure(samples, () => {
      const p = consents(somePupil());
      if (p) consentsAsOf(p, DEFAULT_CATALOGUE, { at: at(), knownAt: at() });
    }),
    accessByPupil: measure(samples, () => {
      const id = somePupil();
      const t = at();
      const lines = docs.get<Sharings>(sharingsProjection.name, pupilKey(id))?.lines ?? [];
      accessAt(lines, pupil, recipient, t);
    }),
    accessByRecipient: measure(Math.ceil(samples / 10), () => {
      const lib = libraryOf(schoolOf(prng.int(0, pupils - 1)));
      const t = at();
      const lines = docs.all<Sharings>(sharingsProjection.name, recipientKey(lib)).flatMap((s) => s.lines);
      accessAt(lines, pupil, recipient, t);
    }),
    classCheck: measure(samples, () => {
      const first = prng.int(0, Math.max(0, pupils - 30));
      const t = at();
      for (let i = first; i < first + 28; i++) consentCheck(pupilIdOf(i), consents(pupilIdOf(i)), 'photo-website', t);
    }),
  };
};
