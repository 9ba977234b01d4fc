import type { ComponentChildren } from 'preact';
import { readableDate, readableDateTime } from '../../ledger/domain/time';
import { href } from '../i18n/lang';
import { may } from '../session/page-session';
import type { PageContext } from './page-context';

/**
 * A table in a region of its own that scrolls sideways on a narrow screen, reachable by keyboard.
 * Its caption names it for screen readers; shown only where no heading above names it already.
 */
export const Table = ({
  caption,
  head,
  rows,
  numeric = [],
  showCaption = false,
}: {
  caption: string;
  head: readonly string[];
  rows: readonly ComponentChildren[][];
  numeric?: readonly number[];
  showCaption?: boolean;
}) => (
  <div class="scroll" role="region" aria-label={caption} tabIndex={0}>
    <table>
      <caption class={showCaption ? undefined : 'sr-only'}>{caption}</caption>
      <thead>
        <tr>
          {head.map((h, i) => (
            <th scope="col" class={numeric.includes(i) ? 'num' : undefined}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr>
            {r.map((c, i) => (
              <td class={numeric.includes(i) ? 'num' : undefined}>{c}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

/**
 * A chart rendered on the server (inline SVG from vega) with a text alternative: its label for
 * screen readers, a caption, and the same figures as a table one click away.
 */
export const Chart = ({
  ctx,
  svg,
  label,
  caption,
  open,
  children,
}: {
  ctx: PageContext;
  svg: string;
  label: string;
  caption: string;
  open?: boolean;
  children: ComponentChildren;
}) => (
  <figure>
    <div class="chart" role="img" aria-label={label} dangerouslySetInnerHTML={{ __html: svg }} />
    <figcaption>{caption}</figcaption>
    <details open={open}>
      <summary>{ctx.t.showTable}</summary>
      {children}
    </details>
  </figure>
);

/** An instant as the reader reads it, in Amsterdam time. */
export const When = ({ ctx, at }: { ctx: PageContext; at: string | null | undefined }) =>
  at ? <time dateTime={at}>{readableDateTime(at, ctx.lang)}</time> : <span class="muted">—</span>;

/** A Dutch calendar day as the reader reads it. */
export const Day = ({ ctx, date }: { ctx: PageContext; date: string | null | undefined }) =>
  date ? <time dateTime={date}>{readableDate(date, ctx.lang)}</time> : <span class="muted">—</span>;

/** The events that prove a line, by id. */
export const EventIds = ({ ids }: { ids: readonly string[] }) => (ids.length === 0 ? <span class="muted">—</span> : <span class="id">{ids.join(' ')}</span>);

/** A pupil, linked to their page when the reader may open it. */
export const PupilLink = ({ ctx, pupilId }: { ctx: PageContext; pupilId: string }) => {
  const h = ctx.session?.holder;
  return h && (may(h, 'consents') || may(h, 'access')) ? (
    <a class="id" href={href(ctx.lang, `/ui/pupils/${encodeURIComponent(pupilId)}`)}>
      {pupilId}
    </a>
  ) : (
    <span class="id">{pupilId}</span>
  );
};

export const Notice = ({ bad, children }: { bad?: boolean; children: ComponentChildren }) => (
  <div class={bad ? 'notice bad' : 'notice'} role={bad ? 'alert' : 'status'}>
    {children}
  </div>
);

/** A default purpose's name from the pages' texts; a board's own from the catalogue, in the reader's language. */
export const purposeLabel = (ctx: PageContext, purpose: string): string =>
  ctx.t.purposes[purpose] ?? ctx.purposes.find((p) => p.purpose === purpose)?.labels?.[ctx.lang] ?? purpose;
export const categoryLabel = (ctx: PageContext, category: string): string => ctx.t.categories[category] ?? category;
export const basisLabel = (ctx: PageContext, basis: string): string => ctx.t.basis[basis] ?? basis;
