import { Injectable } from '@nestjs/common';
import { consentsAsOf } from '../../../projections/consents.view';
import { Clock } from '../../ledger/command-handling/clock';
import { PurposeCatalogueProvider } from '../../catalogue/purpose-catalogue';
import type { Schools } from '../../ledger/domain/school-scope';
import { parseTimeField } from '../../ledger/domain/time';
import type { PurposeStatus } from '../../pupils/domain/consent-status';
import { ReadModels } from '../read-models';

export interface ConsentsAsOf {
  readonly pupilId: string;
  /** Business time answered as of (canonical UTC). */
  readonly at: string;
  /** Record time: only what was recorded by then (canonical UTC). */
  readonly knownAt: string;
  readonly consents: readonly PurposeStatus[];
}

/** The consents of a pupil as of a moment, for `GET /pupils/{id}/consents` and the pupil page alike. */
@Injectable()
export class ConsentsService {
  constructor(
    private readonly models: ReadModels,
    private readonly clock: Clock,
    private readonly catalogue: PurposeCatalogueProvider,
  ) {}

  /**
   * Bitemporal: `at` is business time, `knownAt` record time, each as a client gives it (RFC 3339,
   * or a Dutch calendar day); both default to now.
   * @throws VALIDATION.INVALID (400) for a time that does not read; PUPIL.NOT_FOUND (404) for a
   * pupil the ledger does not know or `schools` does not serve.
   */
  async asOf(pupilId: string, q: { readonly at?: string; readonly knownAt?: string }, schools: Schools): Promise<ConsentsAsOf> {
    await this.models.sync();
    const pupil = this.models.knownPupilConsents(pupilId, schools);
    const now = this.clock.now();
    const at = q.at ? parseTimeField('at', q.at) : now;
    const knownAt = q.knownAt ? parseTimeField('knownAt', q.knownAt) : now;
    // As known now is everything recorded: the store holds recordedAt monotonic, so after a clock
    // was set back the last events may carry a record time later than this instance's now.
    return { pupilId, at, knownAt, consents: consentsAsOf(pupil, await this.catalogue.refresh(), { at, knownAt: q.knownAt ? knownAt : undefined }) };
  }
}
