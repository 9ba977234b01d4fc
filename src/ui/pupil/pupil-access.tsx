import { readableDateTime } from '../../ledger/domain/time';
import type { TimelineLine } from '../../queries/get-access/access.service';
import type { PageContext } from '../html/page-context';
import { Chart, EventIds, Table, When, basisLabel, categoryLabel } from '../html/parts';
import { pupilTexts } from './pupil.texts';

const basisOf = (ctx: PageContext, l: TimelineLine): string => {
  const t = pupilTexts(ctx.lang);
  const ref = l.legalReference;
  const note = typeof ref === 'string' ? ref : ref && typeof ref === 'object' ? ('shredded' in ref ? t.referenceShredded : t.reference) : '';
  return note ? `${basisLabel(ctx, l.legalBasis)} (${note})` : basisLabel(ctx, l.legalBasis);
};

/** "Who could see what, when" for one pupil: the timeline as a chart, and its lines with their proofs. */
export const AccessSection = ({ ctx, lines, svg }: { ctx: PageContext; lines: readonly TimelineLine[]; svg: string }) => {
  const t = pupilTexts(ctx.lang);
  return (
    <section>
      <h2 id="access">{t.access}</h2>
      {lines.length === 0 ? (
        <p>{t.noAccess}</p>
      ) : (
        <Chart ctx={ctx} svg={svg} label={t.accessLabel} caption={t.accessCaption} open>
          <Table
            caption={t.access}
            head={t.accessHead}
            rows={lines.map((l) => [
              l.recipientId,
              l.dataCategories.map((c) => categoryLabel(ctx, c)).join(', '),
              basisOf(ctx, l),
              <When ctx={ctx} at={l.from} />,
              l.until ? <When ctx={ctx} at={l.until} /> : ctx.t.open,
              l.problem ? <strong class="bad">{t.problem(l.until ? readableDateTime(l.until, ctx.lang) : '')}</strong> : '',
              <EventIds ids={l.eventIds} />,
            ])}
          />
        </Chart>
      )}
    </section>
  );
};
