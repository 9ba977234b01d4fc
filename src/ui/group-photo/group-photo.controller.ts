import { Body, Controller, Get, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { InstantField } from '../../http/dto-fields';
import { amsterdamWallClock } from '../../ledger/domain/time';
import { ConsentCheckService } from '../../queries/consent-check/consent-check.service';
import { Blank, PageQuery } from '../html/page-fields';
import { PageKit } from '../html/page-kit';
import { PageErrorFilter } from '../page-error.filter';
import type { PageSession } from '../session/page-session';
import { Page, Reader } from '../session/page.guard';
import { GroupPhotoPage } from './group-photo.page';
import { groupPhotoTexts } from './group-photo.texts';
import { ID_PATTERN } from '../../ledger/domain/ids';

const PUPIL_ID = ID_PATTERN;
/** A class, or a year group; the API takes any number, a page a reasonable one. */
const MAX_PUPILS = 200;

export class GroupPhotoQuery extends PageQuery {
  @Blank()
  @IsOptional()
  @IsString()
  @MaxLength(40)
  purpose?: string;

  @Blank()
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  pupilIds?: string;
}

export class GroupPhotoForm extends GroupPhotoQuery {
  @IsString()
  _csrf!: string;

  @Blank()
  @InstantField('the moment to check; now when absent')
  at?: string;
}

/** The pupil numbers of a class as typed or pasted: one per line, or separated by spaces, commas or semicolons; each once. */
const pupilIdsOf = (text: string): string[] => [...new Set(text.split(/[\s,;]+/).filter(Boolean))];

/** The group-photo check for the roles that may run the consent check (POST /consent-checks): the same query, recording nothing. */
@ApiExcludeController()
@Controller('ui/group-photo')
@UseFilters(PageErrorFilter)
export class GroupPhotoController {
  constructor(
    private readonly checks: ConsentCheckService,
    private readonly kit: PageKit,
  ) {}

  @Get()
  @Page('consentCheck')
  async form(@Query() q: GroupPhotoQuery, @Reader() session: PageSession, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const ctx = this.kit.context(req, session);
    await this.kit.send(
      reply,
      GroupPhotoPage({ ctx, v: { purpose: q.purpose ?? 'photo-website', pupilIds: pupilIdsOf(q.pupilIds ?? '').join('\n'), at: '' } }),
    );
  }

  @Post()
  @Page('consentCheck')
  async check(@Body() f: GroupPhotoForm, @Reader() session: PageSession, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const ctx = this.kit.context(req, session);
    const t = groupPhotoTexts(ctx.lang);
    const pupilIds = pupilIdsOf(f.pupilIds ?? '');
    const purpose = f.purpose ?? 'photo-website';
    const bad = pupilIds.filter((id) => !PUPIL_ID.test(id));
    const problem =
      pupilIds.length === 0 ? t.noPupils : pupilIds.length > MAX_PUPILS ? t.tooMany : bad.length > 0 ? t.badIds(bad.slice(0, 10).join(', ')) : undefined;
    const v = { purpose, pupilIds: pupilIds.join('\n'), at: '' };
    if (problem) return this.kit.send(reply, GroupPhotoPage({ ctx, v: { ...v, problem } }), 400);
    const check = await this.checks.check({ purpose, pupilIds, at: f.at }, session.holder.schools);
    await this.kit.send(reply, GroupPhotoPage({ ctx, v: { ...v, at: f.at ? amsterdamWallClock(check.at).replace(' ', 'T') : '', check } }));
  }
}
