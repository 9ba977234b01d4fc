import { FormFields, Layout } from '../html/layout';
import type { PageContext } from '../html/page-context';
import { Notice } from '../html/parts';

export type LoginNotice = 'wrongKey' | 'expired' | 'loggedOut' | { tooMany: number } | null;

/** The sign-in form: one field, the key; where the reader was going comes along. */
export const LoginPage = ({ ctx, next, notice }: { ctx: PageContext; next?: string; notice: LoginNotice }) => {
  const t = ctx.t.login;
  return (
    <Layout ctx={ctx} title={t.title}>
      {notice === 'wrongKey' && <Notice bad>{t.wrongKey}</Notice>}
      {notice === 'expired' && <Notice>{t.expired}</Notice>}
      {notice === 'loggedOut' && <Notice>{t.loggedOut}</Notice>}
      {notice && typeof notice === 'object' && <Notice bad>{t.tooMany(notice.tooMany)}</Notice>}
      <p class="lead">{t.intro}</p>
      <form method="post" action="/ui/login" class="stack">
        <FormFields ctx={ctx} />
        {next && <input type="hidden" name="next" value={next} />}
        <label>
          {t.key}
          <input type="password" name="key" autocomplete="current-password" required spellcheck={false} autoFocus />
        </label>
        <div>
          <button type="submit" class="primary">
            {t.submit}
          </button>
        </div>
      </form>
    </Layout>
  );
};
