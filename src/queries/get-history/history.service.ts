import { Inject, Injectable } from '@nestjs/common';
import { type HistoryLine, historyOf } from '../../../projections/pupil-history.view';
import type { ApiKeyHolder } from '../../auth/api-keys';
import { SEES_PERSONAL_DATA } from '../../auth/roles';
import type { Schools } from '../../ledger/domain/school-scope';
import { PERSONAL_DATA, PersonalData } from '../../personal-data/personal-data';
import { PersonalDataReads } from '../../reads/personal-data-reads';
import { EVENT_STORE, type EventStore } from '../../core/ports/event-store.port';
import { servedPupilStream } from '../served-stream';

/** The pupil's history, for `GET /pupils/{id}/history` and the pupil page alike. */
@Injectable()
export class HistoryService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PERSONAL_DATA) private readonly personal: PersonalData,
    private readonly reads: PersonalDataReads,
  ) {}

  /**
   * Every event about the pupil, from the pupil's own stream, in the order recorded. Personal
   * fields are opened for the roles that may see them (SEES_PERSONAL_DATA) — that read recorded
   * first, who and when (GET /pupils/{id}/reads) — and `{encrypted: true}` for the others; after
   * destruction each shows a `shredded` marker instead, never an error or the old value.
   * @throws PUPIL.NOT_FOUND (404) for a pupil never enrolled, or of a school `schools` does not serve.
   * @throws READS.NOT_RECORDED (503) when the read of names cannot be recorded: nothing is shown
   */
  async of(pupilId: string, holder: ApiKeyHolder, schools: Schools): Promise<{ pupilId: string; events: HistoryLine[] }> {
    const events = await servedPupilStream(this.store, pupilId, schools);
    const sees = SEES_PERSONAL_DATA.includes(holder.role);
    if (sees) await this.reads.record(pupilId, events[0].metadata.schoolId, 'history', holder);
    const lines = historyOf(events).map((e) => ({
      ...e,
      data: sees ? this.personal.reveal(pupilId, e.data) : PersonalData.conceal(e.data),
    }));
    return { pupilId, events: lines };
  }
}
