import type { HistoryLine } from '../../../projections/pupil-history.view';
import { amsterdamWallClock, readableDate, readableDateTime } from '../../ledger/domain/time';
import type { ConsentsAsOf } from '../../queries/get-consents/consents.service';
import type { TimelineLine } from '../../queries/get-access/access.service';
import { href } from '../i18n/lang';
import { FormFields, Layout } from '../html/layout';
import type { PageContext } from '../html/page-context';
import { EventIds, Table, When, purposeLabel } from '../html/parts';
import { AccessSection } from './pupil-access';
import { HistorySection } from './pupil-history';
import { pupilTexts } from './pupil.texts';

export interface PupilView {
  readonly pupilId: string;
  /** What the reader asked for, as typed (empty: now). */
  readonly asked: { readonly at?: string; readonly knownAt?: string };
  /** Each part only when the reader's role may read it through the API. */
  readonly consents?: ConsentsAsOf;
  readonly timeline?: { readonly lines: readonly TimelineLine[]; readonly svg: string };
  readonly history?: readonly HistoryLine[];
  readonly canExport: boolean;
  readonly canCheck: boolean;
}

const STATUS_CLASS: Record<string, string> = { active: 'ok', conflicting: 'warn', refused: 'bad', withdrawn: 'bad', lapsed: 'muted', none: 'muted' };

/** A datetime-local field's value: the Amsterdam wall clock of an instant, to the minute. */
const wallClock = (instant: string) => amsterdamWallClock(instant).replace(' ', 'T');

/** School, enrolment and departure, from the history (for the roles that may read it). */
const Summary = ({ ctx, history }: { ctx: PageContext; history: readonly HistoryLine[] }) => {
  const t = pupilTexts(ctx.lang);
  const data = (type: string) => history.find((e) => e.type === type)?.data as Record<string, string> | undefined;
  const enrolled = data('PupilEnrolled');
  const left = data('PupilLeft');
  return (
    <>
      {enrolled && (
        <p>
          {t.summary(ctx.schoolName(enrolled.schoolId), readableDate(enrolled.enrolledOn, ctx.lang))}
          {left && t.left(readableDate(left.leftOn, ctx.lang))}
        </p>
      )}
      {data('DossierDestroyed') && <p class="notice bad">{t.destroyed}</p>}
    </>
  );
};

const ConsentsSection = ({ ctx, c }: { ctx: PageContext; c: ConsentsAsOf }) => {
  const t = pupilTexts(ctx.lang);
  return (
    <section>
      <h2 id="consents">{t.consents}</h2>
      <p>{t.consentsAsOf(readableDateTime(c.at, ctx.lang), readableDateTime(c.knownAt, ctx.lang))}</p>
      <Table
        caption={t.consents}
        head={t.consentsHead}
        rows={c.consents.map((s) => [
          purposeLabel(ctx, s.purpose),
          <span class={`badge ${STATUS_CLASS[s.status] ?? ''}`}>{ctx.t.status[s.status] ?? s.status}</span>,
          <When ctx={ctx} at={s.since} />,
          <When ctx={ctx} at={s.until} />,
          s.guardians.length === 0 ? (
            '—'
          ) : (
            <ul>
              {s.guardians.map((g) => (
                <li>{t.byGuardian(g.guardianId, ctx.t.decision[g.decision] ?? g.decision, readableDateTime(g.at, ctx.lang))}</li>
              ))}
            </ul>
          ),
          s.noticeVersion ?? '—',
          <EventIds ids={s.eventIds} />,
        ])}
      />
    </section>
  );
};

/** The director's (and auditor's) pupil page; the board sees its consents and access only. */
export const PupilPage = ({ ctx, v }: { ctx: PageContext; v: PupilView }) => {
  const t = pupilTexts(ctx.lang);
  const at = v.consents?.at;
  return (
    <Layout ctx={ctx} title={t.title(v.pupilId)} current="pupil">
      {v.history && <Summary ctx={ctx} history={v.history} />}
      <ul>
        {v.canExport && (
          <li>
            <a href={href(ctx.lang, `/ui/pupils/${encodeURIComponent(v.pupilId)}/export`)}>{t.export}</a>
          </li>
        )}
        {v.canCheck && (
          <li>
            <a href={href(ctx.lang, '/ui/group-photo', { pupilIds: v.pupilId })}>{t.groupPhoto}</a>
          </li>
        )}
      </ul>
      {v.consents && (
        <form method="get" action={`/ui/pupils/${encodeURIComponent(v.pupilId)}`} class="filters" aria-label={t.asOf}>
          <FormFields ctx={{ ...ctx, formToken: '' }} />
          <label>
            {t.at}
            <input type="datetime-local" name="at" value={v.asked.at ? wallClock(v.consents.at) : ''} />
          </label>
          <label>
            {t.knownAt}
            <input type="datetime-local" name="knownAt" value={v.asked.knownAt ? wallClock(v.consents.knownAt) : ''} />
          </label>
          <span class="hint">{t.asOfHint}</span>
          <div>
            <button type="submit" class="primary">
              {ctx.t.show}
            </button>
          </div>
        </form>
      )}
      {v.consents && <ConsentsSection ctx={ctx} c={v.consents} />}
      {v.timeline && at && <AccessSection ctx={ctx} lines={v.timeline.lines} svg={v.timeline.svg} />}
      {v.history && <HistorySection ctx={ctx} events={v.history} />}
    </Layout>
  );
};

/** Finding a pupil by their pseudonym. */
export const FindPupilPage = ({ ctx }: { ctx: PageContext }) => {
  const t = pupilTexts(ctx.lang);
  return (
    <Layout ctx={ctx} title={t.findTitle} current="pupil">
      <p class="lead">{t.findIntro}</p>
      <form method="get" action="/ui/pupils" class="filters">
        <FormFields ctx={{ ...ctx, formToken: '' }} />
        <label>
          {t.pupilId}
          <input name="pupilId" required pattern="[A-Za-z0-9][A-Za-z0-9._:\-]{0,63}" autocomplete="off" spellcheck={false} />
        </label>
        <div>
          <button type="submit" class="primary">
            {t.find}
          </button>
        </div>
      </form>
    </Layout>
  );
};
