import { Injectable } from '@nestjs/common';
import { type BoardReport, boardReport, defaultScope } from '../../../projections/board-report';
import { worksCouncilReport, worksCouncilScope } from '../../../projections/works-council-report';
import { Clock } from '../../ledger/command-handling/clock';
import { refuse } from '../../ledger/domain/errors';
import { PurposeCatalogueProvider } from '../../catalogue/purpose-catalogue';
import { type Schools, serves } from '../../ledger/domain/school-scope';
import { parseTimeField } from '../../ledger/domain/time';
import type { PupilState } from '../../pupils/domain/pupil-state';
import { ReadModels } from '../read-models';
import { mustBeReportPeriod } from './report-period';

/** A report's question as a client gives it: times in RFC 3339 or as Dutch calendar days. */
export interface ReportAsk {
  readonly schoolId?: string;
  readonly from?: string;
  readonly to?: string;
}

export type WorksCouncilReport = ReturnType<typeof worksCouncilReport>;

/** The board's and the works council's reports, for `GET /reports/…` and the pages alike. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly models: ReadModels,
    private readonly clock: Clock,
    private readonly catalogue: PurposeCatalogueProvider,
  ) {}

  /**
   * Exact figures for the board, over the period asked (the current school year up to now when
   * absent), as known now or at `knownAt`.
   * @throws SCHOOL.NOT_FOUND (404) for a school `schools` does not serve; VALIDATION.INVALID (400), also for `to` before `from` or more than 20 school years.
   */
  async board(q: ReportAsk & { readonly knownAt?: string }, schools: Schools): Promise<BoardReport & { knownAt?: string }> {
    mustBeReportPeriod(q, this.clock.now());
    const pupils = await this.servedPupils(q, schools);
    const scope = defaultScope(
      { schoolId: q.schoolId, from: q.from && parseTimeField('from', q.from), to: q.to && parseTimeField('to', q.to) },
      this.clock.now(),
    );
    const knownAt = q.knownAt && parseTimeField('knownAt', q.knownAt);
    const report = boardReport(pupils, this.models.allSharings(), await this.catalogue.refresh(), { ...scope, knownAt }, this.models.recipients());
    return knownAt ? { ...report, knownAt } : report;
  }

  /**
   * Rule 9: whole school years (`from`/`to` widened, named in `schoolYears`), counted and known as
   * of the end of the last whole month (`asOf`), no pupil id, counts 1–4 as {"suppressed": true},
   * the others rounded to the nearest 5, rates in whole percents.
   * @throws SCHOOL.NOT_FOUND (404) for a school `schools` does not serve; VALIDATION.INVALID (400), also for `to` before `from` or more than 20 school years.
   */
  async worksCouncil(q: ReportAsk, schools: Schools): Promise<WorksCouncilReport> {
    mustBeReportPeriod(q, this.clock.now());
    const pupils = await this.servedPupils(q, schools);
    const scope = worksCouncilScope(
      { schoolId: q.schoolId, from: q.from && parseTimeField('from', q.from), to: q.to && parseTimeField('to', q.to) },
      this.clock.now(),
    );
    return worksCouncilReport(boardReport(pupils, this.models.allSharings(), await this.catalogue.refresh(), scope.board, this.models.recipients()), scope);
  }

  /** The schools a report may name for a key serving `schools`: those of the pupils it serves, in order. */
  async schools(schools: Schools): Promise<string[]> {
    await this.models.sync();
    const seen = new Set<string>();
    for (const page of this.models.pupilPages()) for (const p of page) if (p.schoolId && serves(schools, p.schoolId)) seen.add(p.schoolId);
    return [...seen].sort();
  }

  /** A key per school reports on its schools only; naming another school is 404. */
  private async servedPupils(q: ReportAsk, schools: Schools): Promise<PupilState[]> {
    if (q.schoolId !== undefined && !serves(schools, q.schoolId)) refuse('SCHOOL.NOT_FOUND', `school ${q.schoolId} is not served by this API key`);
    await this.models.sync();
    return this.models.pupils().filter((p) => serves(schools, p.schoolId));
  }
}
