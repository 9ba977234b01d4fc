import type { SafeCount } from '../../../projections/works-council-report';
import { readableDateTime } from '../../ledger/domain/time';
import type { WorksCouncilReport } from '../../queries/reports/reports.service';
import { Layout } from '../html/layout';
import type { PageContext } from '../html/page-context';
import { Chart, Table, basisLabel, purposeLabel } from '../html/parts';
import { ReportFilters } from '../html/report-filters';
import type { ReportPageView } from '../report-page';
import { worksCouncilTexts } from './works-council.texts';

/** The works council's page's view: its report (rule 9 applied), the trend, the charts and the schools to filter by. */
export type WorksCouncilView = ReportPageView<WorksCouncilReport>;

/** A count as the works council sees it: rounded, or hidden (rule 9). */
export const shown = (ctx: PageContext, c: SafeCount | null): string => (c === null ? '—' : typeof c === 'number' ? String(c) : ctx.t.hidden);

/**
 * The works council's page: its report only (GET /reports/works-council), with rule 9's hiding and
 * rounding said in a sentence and shown as such. No pupil id is anywhere in it.
 */
export const WorksCouncilPage = ({ ctx, v }: { ctx: PageContext; v: WorksCouncilView }) => {
  const t = worksCouncilTexts(ctx.lang);
  const r = v.report;
  const decisions = [...v.trend.refusals.map((x) => ({ ...x, kind: t.refusals })), ...v.trend.withdrawals.map((x) => ({ ...x, kind: t.withdrawals }))].sort(
    (a, b) => a.schoolYear.localeCompare(b.schoolYear) || a.schoolId.localeCompare(b.schoolId),
  );
  const d = r.destructions;
  return (
    <Layout ctx={ctx} title={t.title} current="worksCouncil">
      <ReportFilters ctx={ctx} action="/ui/works-council" schools={v.schools} school={v.school} period={v.period} />
      <p class="notice">{t.explanation(readableDateTime(r.asOf, ctx.lang))}</p>
      <p>{t.years(r.schoolYears.join(', '))}</p>

      <h2>{t.rates}</h2>
      <Chart ctx={ctx} svg={v.svg.rates} label={t.ratesLabel} caption={t.ratesCaption}>
        <Table
          caption={t.rates}
          head={t.ratesHead}
          numeric={[3, 4, 5]}
          rows={r.consentRates.map((c) => [
            ctx.schoolName(c.schoolId),
            c.schoolYear,
            purposeLabel(ctx, c.purpose),
            shown(ctx, c.pupils),
            shown(ctx, c.active),
            typeof c.rate === 'number' ? `${c.rate}%` : shown(ctx, c.rate),
          ])}
        />
      </Chart>

      <h2>{t.decisions}</h2>
      <Chart ctx={ctx} svg={v.svg.decisions} label={t.decisionsLabel} caption={t.decisionsCaption}>
        {decisions.length === 0 ? (
          <p>{ctx.t.noneInPeriod}</p>
        ) : (
          <Table
            caption={t.decisions}
            head={t.decisionsHead}
            numeric={[4]}
            rows={decisions.map((x) => [ctx.schoolName(x.schoolId), x.schoolYear, purposeLabel(ctx, x.purpose), x.kind, shown(ctx, x.count)])}
          />
        )}
      </Chart>

      <h2>{t.sharings}</h2>
      {r.sharings.length === 0 ? (
        <p>{ctx.t.noneInPeriod}</p>
      ) : (
        <Chart ctx={ctx} svg={v.svg.sharings} label={t.sharingsLabel} caption={t.sharingsCaption}>
          <Table
            caption={t.sharings}
            head={t.sharingsHead}
            numeric={[3]}
            rows={r.sharings.map((s) => [ctx.schoolName(s.schoolId), s.recipientId, basisLabel(ctx, s.legalBasis), shown(ctx, s.count)])}
          />
        </Chart>
      )}

      <h2>{t.destructions}</h2>
      <Table
        caption={t.destructions}
        head={t.destructionsHead}
        numeric={[1]}
        rows={[
          [t.overdue, shown(ctx, d.overdue)],
          [t.due, shown(ctx, d.due)],
          [t.destroyedRetention, shown(ctx, d.destroyed.retention_expired)],
          [t.destroyedErasure, shown(ctx, d.destroyed.erasure_request)],
        ]}
      />
    </Layout>
  );
};
