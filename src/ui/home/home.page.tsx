import { href } from '../i18n/lang';
import { Layout, pagesOf } from '../html/layout';
import type { PageContext } from '../html/page-context';

/** Where a reader starts: the pages their role may open, each with what it answers. */
export const HomePage = ({ ctx }: { ctx: PageContext }) => {
  const { t } = ctx;
  const pages = pagesOf(ctx).filter((p) => p.item !== 'home');
  return (
    <Layout ctx={ctx} title={t.home.title} current="home">
      {pages.length === 0 ? (
        <p class="lead">{t.home.nothing}</p>
      ) : (
        <>
          <p class="lead">{t.home.intro}</p>
          <ul class="tiles">
            {pages.map((p) => (
              <li class="tile">
                <a href={href(ctx.lang, p.path)}>{t.nav[p.item]}</a>
                <p>{t.home[p.item as Exclude<typeof p.item, 'home'>]}</p>
              </li>
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
};
