import { Injectable } from '@nestjs/common';
import { type CheckResult, consentCheck } from '../../../projections/consents.view';
import { Clock } from '../../ledger/command-handling/clock';
import { PurposeCatalogueProvider } from '../../catalogue/purpose-catalogue';
import { mustKnowPurpose } from '../../ledger/domain/purposes';
import type { Schools } from '../../ledger/domain/school-scope';
import { parseTimeField } from '../../ledger/domain/time';
import { ReadModels } from '../read-models';

export interface GroupCheck {
  readonly purpose: string;
  /** The moment checked (canonical UTC). */
  readonly at: string;
  /** Whether every pupil allows it. */
  readonly allowed: boolean;
  /** One per pupil asked, in the order asked. */
  readonly results: readonly CheckResult[];
}

/** The group-photo check, for `POST /consent-checks` and its page alike. Records nothing. */
@Injectable()
export class ConsentCheckService {
  constructor(
    private readonly models: ReadModels,
    private readonly clock: Clock,
    private readonly catalogue: PurposeCatalogueProvider,
  ) {}

  /**
   * May this purpose rely on each pupil's consent at `at` (as a client gives it; now when absent)?
   * Only `active` allows; a pupil of a school `schools` does not serve is answered as `unknown_pupil`.
   * @throws VALIDATION.INVALID (400) for a purpose outside the catalogue or a time that does not read.
   */
  async check(q: { readonly purpose: string; readonly pupilIds: readonly string[]; readonly at?: string }, schools: Schools): Promise<GroupCheck> {
    mustKnowPurpose(await this.catalogue.knowing(q.purpose), q.purpose);
    await this.models.sync();
    const at = q.at ? parseTimeField('at', q.at) : this.clock.now();
    // Another school's pupil is answered as one the ledger does not know.
    const results = q.pupilIds.map((id) => consentCheck(id, this.models.pupilConsents(id, schools), q.purpose, at));
    return { purpose: q.purpose, at, allowed: results.every((r) => r.allowed), results };
  }
}
