import type { SignedCheckpoint } from '../../audit/checkpoint';
import type { VerifyReport } from '../../audit/verify-log';
import { href } from '../i18n/lang';
import { FormFields, Layout } from '../html/layout';
import type { PageContext } from '../html/page-context';
import { Notice, Table, When } from '../html/parts';
import { auditTexts } from './audit.texts';

export interface AuditView {
  readonly verified?: VerifyReport;
  readonly checkpoints: readonly SignedCheckpoint[];
  readonly sealed?: SignedCheckpoint;
  readonly publicKeyPem: string;
  readonly canSeal: boolean;
}

const SHOWN = 20;

/** The auditor's page: verify (GET /audit/verify), the checkpoints and sealing one (/audit/checkpoints), the public key. */
export const AuditPage = ({ ctx, v }: { ctx: PageContext; v: AuditView }) => {
  const t = auditTexts(ctx.lang);
  const newest = [...v.checkpoints].reverse().slice(0, SHOWN);
  return (
    <Layout ctx={ctx} title={t.title} current="audit">
      <h2>{t.verify}</h2>
      <p>{t.verifyIntro}</p>
      <form method="get" action="/ui/audit">
        <FormFields ctx={{ ...ctx, formToken: '' }} />
        <input type="hidden" name="verify" value="1" />
        <button type="submit" class="primary">
          {t.verifyNow}
        </button>
      </form>
      {v.verified && (
        <Notice bad={!v.verified.ok}>
          <p>
            <strong>{v.verified.ok ? t.ok(v.verified.events, v.verified.streams, v.verified.checkpoints) : t.notOk(v.verified.problems.length)}</strong>
          </p>
        </Notice>
      )}
      {v.verified && v.verified.problems.length > 0 && (
        <Table
          caption={t.verify}
          head={t.problemsHead}
          rows={v.verified.problems.map((p) => [p.position, p.stream ?? '—', p.eventId ?? '—', <span lang="en">{p.problem}</span>])}
        />
      )}

      <h2>{t.checkpoints}</h2>
      <p>{t.checkpointsIntro}</p>
      {v.sealed && <Notice>{t.sealed(v.sealed.position, v.sealed.events)}</Notice>}
      {v.canSeal && (
        <form method="post" action="/ui/audit/checkpoints">
          <FormFields ctx={ctx} />
          <button type="submit" class="primary">
            {t.seal}
          </button>
        </form>
      )}
      {newest.length === 0 ? (
        <p>{t.noCheckpoints}</p>
      ) : (
        <>
          {v.checkpoints.length > SHOWN && <p>{t.latest(SHOWN, v.checkpoints.length)}</p>}
          <Table
            caption={t.checkpoints}
            head={t.checkpointsHead}
            numeric={[1, 2, 3]}
            rows={newest.map((c) => [<When ctx={ctx} at={c.createdAt} />, c.position, c.events, c.streams, <span class="id">{c.root}</span>])}
          />
        </>
      )}

      <h2>{t.publicKey}</h2>
      <p>{t.publicKeyIntro}</p>
      <pre>{v.publicKeyPem}</pre>
      <p>
        <a href={href(ctx.lang, '/ui/audit/public-key.pem')} download="ledger-public-key.pem">
          {t.download}
        </a>
      </p>
      <p>{t.replay}</p>
      <pre>npm run --silent ledger -- replay --until 2026-01-01 [--known-at 2026-01-01]</pre>
    </Layout>
  );
};
