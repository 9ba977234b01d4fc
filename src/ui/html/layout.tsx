import { HOME } from '../paths';
import type { ComponentChildren } from 'preact';
import { href, inLanguage } from '../i18n/lang';
import { may } from '../session/page-session';
import type { PageContext } from './page-context';
import { STYLES } from './styles';

export type NavItem = 'home' | 'board' | 'worksCouncil' | 'pupil' | 'groupPhoto' | 'audit';

/** The pages a reader may open, in the order the navigation shows them (the same test as the API's roles). */
export const pagesOf = (ctx: PageContext): { item: NavItem; path: string }[] => {
  const h = ctx.session?.holder;
  if (!h) return [];
  const all: { item: NavItem; path: string; open: boolean }[] = [
    { item: 'home', path: HOME, open: true },
    { item: 'board', path: '/ui/board', open: may(h, 'boardReport') },
    { item: 'worksCouncil', path: '/ui/works-council', open: may(h, 'worksCouncilReport') },
    { item: 'pupil', path: '/ui/pupils', open: may(h, 'consents') || may(h, 'access') || may(h, 'history') },
    { item: 'groupPhoto', path: '/ui/group-photo', open: may(h, 'consentCheck') },
    { item: 'audit', path: '/ui/audit', open: may(h, 'audit') },
  ];
  return all.filter((p) => p.open);
};

/** A form's hidden fields: its token, and the reader's language. */
export const FormFields = ({ ctx }: { ctx: PageContext }) => (
  <>
    {ctx.formToken && <input type="hidden" name="_csrf" value={ctx.formToken} />}
    {ctx.lang === 'en' && <input type="hidden" name="lang" value="en" />}
  </>
);

/** Every page: a skip link, the navigation of what the reader may open, who is signed in, and the content. */
export const Layout = ({ ctx, title, current, children }: { ctx: PageContext; title: string; current?: NavItem; children: ComponentChildren }) => {
  const { t, lang, session } = ctx;
  const other = t.otherLanguage;
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {/* No icon to fetch: the browser would ask for /favicon.ico, which the ledger does not serve. */}
        <link rel="icon" href="data:," />
        <title>{`${title} · ${t.appName}`}</title>
        <style dangerouslySetInnerHTML={{ __html: STYLES }} />
      </head>
      <body>
        <a class="skip" href="#main">
          {t.skip}
        </a>
        <header class="top">
          <a class="app" href={href(lang, HOME)}>
            {t.appName}
          </a>
          {session && (
            <nav aria-label={t.mainNav}>
              <ul>
                {pagesOf(ctx).map((p) => (
                  <li key={p.item}>
                    <a href={href(lang, p.path)} aria-current={p.item === current ? 'page' : undefined}>
                      {t.nav[p.item]}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          <a href={inLanguage(ctx.url, other.lang as 'nl' | 'en')} lang={other.lang} hrefLang={other.lang}>
            {other.label}
          </a>
          {session && (
            <form method="post" action="/ui/logout">
              <FormFields ctx={ctx} />
              <button type="submit">{t.logout}</button>
            </form>
          )}
          {session && (
            <p class="who">
              {t.signedInAs(t.roles[session.holder.role])}
              {session.holder.schools && t.forSchools(session.holder.schools.map(ctx.schoolName).join(', '))}
            </p>
          )}
        </header>
        <main id="main" tabIndex={-1}>
          <h1>{title}</h1>
          {children}
        </main>
      </body>
    </html>
  );
};
