import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow, SchoolsOfKey } from '../../auth/auth.guard';
import { ACCESS } from '../../auth/roles';
import { renderExportHtml } from '../../export/pupil-export.html';
import { PupilParams } from '../../http/path-params';
import { ExportService } from './export.service';
import type { Schools } from '../../ledger/domain/school-scope';
import type { ApiKeyHolder } from '../../auth/api-keys';

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
  constructor(private readonly exports: ExportService) {}

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
    const holder = (req as FastifyRequest & { holder: ApiKeyHolder }).holder;
    const { export: x, school } = await this.exports.of(pupilId, holder, schools);
    const html = q.format === 'html' || (q.format === undefined && req.accepts().type(['application/json', 'text/html']) === 'text/html');
    if (html) await res.type('text/html; charset=utf-8').send(renderExportHtml(x, school));
    else await res.send(x);
  }
}
