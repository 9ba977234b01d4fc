import { Inject, Injectable } from '@nestjs/common';
import type { ApiKeyHolder } from '../../auth/api-keys';
import { SEES_PERSONAL_DATA } from '../../auth/roles';
import { type PupilExport, exportPupil } from '../../export/pupil-export';
import { Clock } from '../../ledger/command-handling/clock';
import type { Schools } from '../../ledger/domain/school-scope';
import { PERSONAL_DATA, type PersonalData } from '../../personal-data/personal-data';
import { PersonalDataReads } from '../../reads/personal-data-reads';
import { type School, SchoolRegister } from '../../schools/school-register';
import { EVENT_STORE, type EventStore } from '../../core/ports/event-store.port';
import { servedPupilStream } from '../served-stream';

/** The parent's right-of-access export, for `GET /pupils/{id}/export` and the pupil page alike. */
@Injectable()
export class ExportService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PERSONAL_DATA) private readonly personal: PersonalData,
    private readonly clock: Clock,
    private readonly reads: PersonalDataReads,
    private readonly schools: SchoolRegister,
  ) {}

  /**
   * Everything recorded about the pupil, names opened, with the school as the register names it.
   * The read is recorded first (GET /pupils/{id}/reads).
   * @throws PUPIL.NOT_FOUND (404) for a pupil never enrolled, or of a school `schools` does not serve.
   * @throws READS.NOT_RECORDED (503) when that record cannot be written: nothing is shown
   */
  async of(pupilId: string, holder: ApiKeyHolder, schools: Schools): Promise<{ export: PupilExport; school: School | null }> {
    const events = await servedPupilStream(this.store, pupilId, schools);
    if (SEES_PERSONAL_DATA.includes(holder.role)) await this.reads.record(pupilId, events[0].metadata.schoolId, 'export', holder);
    const x = await exportPupil(this.store, this.personal, pupilId, this.clock.now());
    return { export: x, school: this.schools.school(x.schoolId) };
  }
}
