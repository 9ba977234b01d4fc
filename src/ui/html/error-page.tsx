import { HOME } from '../paths';
import { href } from '../i18n/lang';
import { Layout } from './layout';
import type { PageContext } from './page-context';

/** A refusal as a page: a title in the reader's language, the ledger's own message, the way back. */
export const ErrorPage = ({ ctx, status, message, details }: { ctx: PageContext; status: number; message: string; details: readonly string[] }) => (
  <Layout ctx={ctx} title={ctx.t.errors.title(status)}>
    <div class="notice bad" role="alert">
      <p>
        <strong>{ctx.t.errors.technical}:</strong> <span lang="en">{message}</span>
      </p>
      {details.length > 0 && (
        <ul lang="en">
          {details.map((d) => (
            <li>{d}</li>
          ))}
        </ul>
      )}
    </div>
    <p>
      <a href={href(ctx.lang, HOME)}>{ctx.t.errors.back}</a>
    </p>
  </Layout>
);
