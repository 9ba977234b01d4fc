import { readableDateTime } from '../../ledger/domain/time';
import type { GroupCheck } from '../../queries/consent-check/consent-check.service';
import { FormFields, Layout } from '../html/layout';
import type { PageContext } from '../html/page-context';
import { EventIds, Notice, PupilLink, Table, purposeLabel } from '../html/parts';
import { groupPhotoTexts } from './group-photo.texts';

export interface GroupPhotoView {
  readonly purpose: string;
  readonly pupilIds: string;
  readonly at: string;
  readonly problem?: string;
  readonly check?: GroupCheck;
}

/** The group-photo check (POST /consent-checks): pick a purpose and a class's pupils, see per pupil yes or no, and why. */
export const GroupPhotoPage = ({ ctx, v }: { ctx: PageContext; v: GroupPhotoView }) => {
  const t = groupPhotoTexts(ctx.lang);
  const c = v.check;
  const refused = c ? c.results.filter((r) => !r.allowed).length : 0;
  return (
    <Layout ctx={ctx} title={t.title} current="groupPhoto">
      <p class="lead">{t.intro}</p>
      {v.problem && <Notice bad>{v.problem}</Notice>}
      <form method="post" action="/ui/group-photo" class="stack">
        <FormFields ctx={ctx} />
        <label>
          {t.purpose}
          <select name="purpose">
            {ctx.purposes.map((p) => (
              <option value={p.purpose} selected={p.purpose === v.purpose}>
                {purposeLabel(ctx, p.purpose)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.pupils}
          <span class="hint" id="pupils-hint">
            {t.pupilsHint}
          </span>
          <textarea name="pupilIds" required aria-describedby="pupils-hint" spellcheck={false} autocomplete="off">
            {v.pupilIds}
          </textarea>
        </label>
        <label>
          {t.at}
          <span class="hint" id="at-hint">
            {t.atHint}
          </span>
          <input type="datetime-local" name="at" value={v.at} aria-describedby="at-hint" />
        </label>
        <div>
          <button type="submit" class="primary">
            {t.check}
          </button>
        </div>
      </form>
      {c && (
        <section>
          <h2 id="result">{t.result}</h2>
          <Notice bad={!c.allowed}>
            <p>
              <strong>
                {c.allowed ? t.allowed(c.results.length, purposeLabel(ctx, c.purpose)) : t.notAllowed(refused, c.results.length, purposeLabel(ctx, c.purpose))}
              </strong>
            </p>
            <p>{t.checkedAt(readableDateTime(c.at, ctx.lang))}</p>
          </Notice>
          <Table
            caption={t.result}
            head={t.head}
            rows={c.results.map((r) => [
              <PupilLink ctx={ctx} pupilId={r.pupilId} />,
              r.allowed ? <strong class="ok">{ctx.t.yes}</strong> : <strong class="bad">{ctx.t.no}</strong>,
              ctx.t.status[r.status] ?? r.status,
              t.why[r.status] ?? '',
              <EventIds ids={r.eventIds} />,
            ])}
          />
        </section>
      )}
    </Layout>
  );
};
