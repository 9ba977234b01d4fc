import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Allow, SchoolsOfKey } from '../../auth/auth.guard';
import type { Schools } from '../../ledger/domain/school-scope';
import { ACCESS } from '../../auth/roles';
import { consentReceipt } from '../../audit/consent-receipt';
import { PupilPurposeParams } from '../../http/path-params';
import { Clock } from '../../ledger/command-handling/clock';
import { PurposeCatalogueProvider } from '../../catalogue/purpose-catalogue';
import { mustKnowPurpose } from '../../ledger/domain/purposes';
import { pupilStream } from '../../ledger/domain/streams';
import { EVENT_STORE, type EventStore } from '../../core/ports/event-store.port';
import { ReadModels } from '../read-models';

@ApiTags('consents')
@ApiBearerAuth()
@Controller('pupils/:pupilId/consents/:purpose/receipt')
export class ConsentReceiptController {
  constructor(
    private readonly models: ReadModels,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly catalogue: PurposeCatalogueProvider,
  ) {}

  /** A consent receipt (ISO/IEC TS 27560, W3C DPV field names) with the events and their hashes. */
  @Get()
  @Allow(ACCESS.consents)
  async receipt(@Param() { pupilId, purpose }: PupilPurposeParams, @SchoolsOfKey() schools: Schools) {
    const p = mustKnowPurpose(await this.catalogue.knowing(purpose), purpose);
    await this.models.sync();
    const pupil = this.models.knownPupil(pupilId, schools);
    const { events } = await this.store.readStream(pupilStream(pupilId));
    const recipients = this.models.recipients().filter((r) => r.registered?.purpose === purpose);
    return consentReceipt({ pupil, purpose: p, events, recipients, at: this.clock.now() });
  }
}
