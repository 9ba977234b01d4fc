import type { HistoryLine } from '../../../projections/pupil-history.view';
import type { PageContext } from '../html/page-context';
import { Table, When, basisLabel, categoryLabel, purposeLabel } from '../html/parts';
import { pupilTexts } from './pupil.texts';

type Data = Record<string, unknown>;

/** A personal field as this reader may see it: its value, or that it is encrypted or destroyed. */
const personal = (ctx: PageContext, v: unknown): string => {
  const t = pupilTexts(ctx.lang);
  if (v && typeof v === 'object' && 'shredded' in v) return t.shredded;
  if (v && typeof v === 'object' && 'encrypted' in v) return t.encrypted;
  return typeof v === 'string' ? v : '';
};

/** One line saying what an event recorded, in the reader's words. */
export const whatHappened = (ctx: PageContext, type: string, d: Data): string => {
  const t = pupilTexts(ctx.lang);
  const purpose = typeof d.purpose === 'string' ? purposeLabel(ctx, d.purpose) : '';
  const categories = Array.isArray(d.dataCategories) ? d.dataCategories.map((c) => categoryLabel(ctx, String(c))).join(', ') : '';
  switch (type) {
    case 'PupilEnrolled': {
      const p = d.personal as Data | null | undefined;
      const name = p && typeof p === 'object' && 'name' in p ? personal(ctx, p.name) : p ? personal(ctx, p) : '';
      return [ctx.schoolName(String(d.schoolId)), name].filter(Boolean).join(' · ');
    }
    case 'ConsentGiven':
      return `${purpose} · ${String(d.guardianId)} · ${String(d.noticeVersion)} (${String(d.channel)})`;
    case 'ConsentRefused':
      return `${purpose} · ${String(d.guardianId)}`;
    case 'ConsentWithdrawn':
      return [purpose, String(d.guardianId), d.reason ? personal(ctx, d.reason) : ''].filter(Boolean).join(' · ');
    case 'ConsentExpired':
      return purpose;
    case 'DataShared':
      return `${String(d.recipientId)} · ${categories} · ${basisLabel(ctx, String(d.legalBasis))}`;
    case 'PupilLeft':
      return String(d.leftOn);
    case 'DossierDestroyed':
      return t.reasons[String(d.reason)] ?? String(d.reason);
    default:
      return '';
  }
};

/** The pupil's history (GET /pupils/{id}/history): names only for the roles that may see them. */
export const HistorySection = ({ ctx, events }: { ctx: PageContext; events: readonly HistoryLine[] }) => {
  const t = pupilTexts(ctx.lang);
  return (
    <section>
      <h2 id="history">{t.history}</h2>
      <p>{t.historyIntro}</p>
      <Table
        caption={t.history}
        head={t.historyHead}
        rows={events.map((e) => [
          ctx.t.events[e.type] ?? e.type,
          <When ctx={ctx} at={e.occurredAt} />,
          <When ctx={ctx} at={e.recordedAt} />,
          ctx.t.roles[e.actor.role as keyof typeof ctx.t.roles] ?? e.actor.role,
          whatHappened(ctx, e.type, (e.data ?? {}) as Data),
          <span class="id">{e.eventId}</span>,
        ])}
      />
    </section>
  );
};
