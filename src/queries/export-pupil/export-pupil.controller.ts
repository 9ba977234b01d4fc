import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow, SchoolsOfKey } from '../../auth/auth.guard';
import { ACCESS } from '../../auth/roles';
import { exportPupil } from '../../export/pupil-export';
import { renderExportHtml } from '../../export/pupil-export.html';
import { PupilParams } from '../../http/path-params';
import { Clock } from '../../ledger/command-handling/clock';
import type { Schools } from '../../ledger/domain/school-scope';
import { PERSONAL_DATA, type PersonalData } from '../../personal-data/personal-data';
import type { ApiKeyHolder } from '../../auth/api-keys';
import { SEES_PERSONAL_DATA } from '../../auth/roles';
import { PersonalDataReads } from '../../reads/personal-data-reads';
import { SchoolRegister } from '../../schools/school-register';
import { EVENT_STORE, type EventStore } from '../../store/event-store.port';
import { servedPupilStream } from '../served-stream';

export class ExportQuery {
  @ApiProperty({ required: false, enum: ['json', 'html'], description: 'html: a page a parent can be handed' })
  @IsOptional()
  @IsIn(['json', 'html'], { message: 'format must be json or html' })
  format?: 'json' | 'html';
}

@ApiTags('pupils')
@ApiBearerAuth()
@Controller('pupils/:pupilId/export')
export class ExportPupilController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PERSONAL_DATA) private readonly personal: PersonalData,
    private readonly clock: Clock,
    private readonly reads: PersonalDataReads,
    private readonly schools: SchoolRegister,
  ) {}

  /**
   * Right of access: everything recorded about the pupil, as JSON or as a readable page. The read
   * is recorded first (GET /pupils/{id}/reads).
   * @throws READS.NOT_RECORDED (503) when that record cannot be written: nothing is shown
   */
  @Get()
  @Allow(ACCESS.export)
  async export(
    @Param() { pupilId }: PupilParams,
    @Query() q: ExportQuery,
    @Req() req: FastifyRequest,
    @Res() res: FastifyReply,
    @SchoolsOfKey() schools: Schools,
  ) {
    const events = await servedPupilStream(this.store, pupilId, schools);
    const holder = (req as FastifyRequest & { holder: ApiKeyHolder }).holder;
    if (SEES_PERSONAL_DATA.includes(holder.role)) await this.reads.record(pupilId, events[0].metadata.schoolId, 'export', holder);
    const x = await exportPupil(this.store, this.personal, pupilId, this.clock.now());
    const html = q.format === 'html' || (q.format === undefined && req.accepts().type(['application/json', 'text/html']) === 'text/html');
    if (html) await res.type('text/html; charset=utf-8').send(renderExportHtml(x, this.schools.school(x.schoolId)));
    else await res.send(x);
  }
}
