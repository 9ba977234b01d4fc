import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Allow, SchoolsOfKey } from '../../auth/auth.guard';
import { ACCESS } from '../../auth/roles';
import { PupilParams } from '../../http/path-params';
import type { Schools } from '../../ledger/domain/school-scope';
import { servedPupilStream } from '../../queries/served-stream';
import { EVENT_STORE, type EventStore } from '../../core/ports/event-store.port';
import { PersonalDataReads } from '../personal-data-reads';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('pupils/:pupilId/reads')
export class ListReadsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly reads: PersonalDataReads,
  ) {}

  /**
   * Who read this pupil's personal data (history or export with names), and when: `{pupilId, reads:
   * [{eventId, readAt (UTC), read: history | export, keyId, role}]}`, oldest first. Auditor only.
   * @throws PUPIL.NOT_FOUND (404) for a pupil never enrolled, or of a school the key does not serve
   */
  @Get()
  @Allow(ACCESS.reads)
  async list(@Param() { pupilId }: PupilParams, @SchoolsOfKey() schools: Schools) {
    await servedPupilStream(this.store, pupilId, schools);
    return { pupilId, reads: await this.reads.of(pupilId) };
  }
}
