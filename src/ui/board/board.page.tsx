import type { BoardReport } from '../../../projections/board-report';
import { readableDateTime } from '../../ledger/domain/time';
import { Layout } from '../html/layout';
import type { PageContext } from '../html/page-context';
import { Chart, Day, EventIds, PupilLink, Table, When, basisLabel, categoryLabel, purposeLabel } from '../html/parts';
import { ReportFilters } from '../html/report-filters';
import { boardTexts } from './board.texts';
import type { ReportPageView } from '../report-page';

/** The board's dashboard's view: its report, the trend, the charts and the schools to filter by. */
export type BoardView = ReportPageView<BoardReport>;

const Tile = ({ n, label, target, alert, ctx }: { n: number; label: string; target?: string; alert?: boolean; ctx: PageContext }) => (
  <li class={alert && n > 0 ? 'tile alert' : 'tile'}>
    <span class="n">{n}</span> {label}
    {target && n > 0 && (
      <div>
        <a href={target}>{boardTexts(ctx.lang).toList}</a>
      </div>
    )}
  </li>
);

/**
 * The board's dashboard: first what needs action (dossiers past their retention, due soon, sharings
 * without basis), then consent per purpose, refusals and withdrawals over time, sharings by basis and
 * recipient, and the lists to act on. Exact figures: the board may see pupils (rule 9).
 */
export const BoardPage = ({ ctx, v }: { ctx: PageContext; v: BoardView }) => {
  const t = boardTexts(ctx.lang);
  const { report: r, trend } = v;
  const d = r.destructions;
  const latestYear = r.consentRates.at(-1)?.schoolYear;
  const enrolled = new Map(r.consentRates.filter((c) => c.schoolYear === latestYear).map((c) => [c.schoolId, c.pupils]));
  const decisions = [...trend.refusals.map((x) => ({ ...x, kind: t.refusals })), ...trend.withdrawals.map((x) => ({ ...x, kind: t.withdrawals }))].sort(
    (a, b) => a.schoolYear.localeCompare(b.schoolYear) || a.schoolId.localeCompare(b.schoolId),
  );
  const pupilRows = (list: BoardReport['destructions']['overduePupils']) =>
    list.map((p) => [<PupilLink ctx={ctx} pupilId={p.pupilId} />, ctx.schoolName(p.schoolId), <Day ctx={ctx} date={p.retentionEndedOn} />]);
  return (
    <Layout ctx={ctx} title={t.title} current="board">
      <ReportFilters ctx={ctx} action="/ui/board" schools={v.schools} school={v.school} period={v.period} />
      <p>{t.period(readableDateTime(r.from, ctx.lang), readableDateTime(r.to, ctx.lang))}</p>
      <h2>{t.attention}</h2>
      <ul class="tiles">
        <Tile ctx={ctx} n={d.overdue} label={t.overdue} target="#overdue" alert />
        <Tile ctx={ctx} n={d.due} label={t.due} target="#due" alert />
        <Tile ctx={ctx} n={r.sharingsWithoutBasis.length} label={t.withoutBasis} target="#without-basis" alert />
        <Tile ctx={ctx} n={[...enrolled.values()].reduce((a, b) => a + b, 0)} label={t.enrolled} />
      </ul>

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
            c.pupils,
            c.active,
            c.rate === null ? '—' : `${Math.round(c.rate * 100)}%`,
          ])}
        />
      </Chart>

      <h2>{t.decisions}</h2>
      <Chart ctx={ctx} svg={v.svg.decisions} label={t.decisionsLabel} caption={t.decisionsCaption(v.period.last - v.period.first + 1)}>
        {decisions.length === 0 ? (
          <p>{ctx.t.noneInPeriod}</p>
        ) : (
          <Table
            caption={t.decisions}
            head={t.decisionsHead}
            numeric={[4]}
            rows={decisions.map((x) => [ctx.schoolName(x.schoolId), x.schoolYear, purposeLabel(ctx, x.purpose), x.kind, x.count])}
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
            rows={r.sharings.map((s) => [ctx.schoolName(s.schoolId), s.recipientId, basisLabel(ctx, s.legalBasis), s.count])}
          />
        </Chart>
      )}

      <h2>{t.destructions}</h2>
      <p>{t.destroyed(d.destroyed.retention_expired, d.destroyed.erasure_request)}</p>
      <h3 id="overdue">{t.overdueList}</h3>
      {d.overduePupils.length === 0 ? <p>{ctx.t.none}</p> : <Table caption={t.overdueList} head={t.destructionHead} rows={pupilRows(d.overduePupils)} />}
      <h3 id="due">{t.dueList}</h3>
      {d.duePupils.length === 0 ? <p>{ctx.t.none}</p> : <Table caption={t.dueList} head={t.destructionHead} rows={pupilRows(d.duePupils)} />}

      <h2 id="without-basis">{t.withoutBasisList}</h2>
      <p>{t.withoutBasisIntro}</p>
      {r.sharingsWithoutBasis.length === 0 ? (
        <p>{ctx.t.noneInPeriod}</p>
      ) : (
        <Table
          caption={t.withoutBasisList}
          head={t.withoutBasisHead}
          rows={r.sharingsWithoutBasis.map((s) => [
            <PupilLink ctx={ctx} pupilId={s.pupilId} />,
            s.schoolId ? ctx.schoolName(s.schoolId) : '—',
            s.recipientId,
            basisLabel(ctx, s.legalBasis),
            s.dataCategories.map((c) => categoryLabel(ctx, c)).join(', '),
            <When ctx={ctx} at={s.sharedAt} />,
            <When ctx={ctx} at={s.basisEndedAt} />,
            <EventIds ids={s.eventIds} />,
          ])}
        />
      )}
    </Layout>
  );
};
