import { dutchDateTime } from '../ledger/domain/time';
import type { PupilExport } from './pupil-export';

const esc = (v: unknown): string =>
  String(v ?? '—').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const date = (iso: string | null) => (iso ? esc(dutchDateTime(iso)) : '—');

const STATUS: Record<string, string> = {
  active: 'toestemming gegeven',
  conflicting: 'ouders zijn het oneens — er wordt geen gebruik van gemaakt',
  refused: 'geweigerd',
  withdrawn: 'ingetrokken',
  lapsed: 'verlopen (einde schooljaar)',
  none: 'niets vastgelegd',
};

const BASIS: Record<string, string> = {
  consent: 'uw toestemming',
  legal_obligation: 'wettelijke verplichting',
  processor_agreement: 'verwerkersovereenkomst',
};

const personalOf = (p: unknown): string => {
  if (!p || typeof p !== 'object') return '<p>Geen persoonsgegevens vastgelegd.</p>';
  if ('shredded' in p) return '<p>Het dossier is vernietigd; naam en geboortedatum zijn onleesbaar gemaakt.</p>';
  const { name, birthDate } = p as { name?: string; birthDate?: string | null };
  return `<dl><dt>Naam</dt><dd>${esc(name)}</dd><dt>Geboortedatum</dt><dd>${esc(birthDate)}</dd></dl>`;
};

/** The basis with the law it cites, when there is one; a shredded reference says so. */
const basisOf = (s: PupilExport['sharings'][number]): string => {
  const basis = esc(BASIS[s.legalBasis] ?? s.legalBasis);
  const ref = s.legalReference;
  if (typeof ref === 'string') return `${basis} (${esc(ref)})`;
  if (ref && typeof ref === 'object' && 'shredded' in ref) return `${basis} (toelichting vernietigd met het dossier)`;
  return basis;
};

const table = (head: string[], rows: string[][]) =>
  rows.length === 0
    ? '<p>Niets vastgelegd.</p>'
    : `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
        .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;

/** The right-of-access export as a page a parent can be handed (in Dutch, for Dutch parents). */
export const renderExportHtml = (x: PupilExport): string => `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Inzage gegevens leerling ${esc(x.pupilId)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{border:1px solid #ccc;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}dt{font-weight:600}code{font-size:.8em}</style></head><body>
<h1>Overzicht van wat de school over uw kind heeft vastgelegd</h1>
<p>Leerling <strong>${esc(x.pupilId)}</strong>, school ${esc(x.schoolId)}. Opgesteld op ${date(x.generatedAt)} (recht op inzage, AVG artikel 15).</p>
<h2>Persoonsgegevens</h2>${personalOf(x.personal)}
<p>Ingeschreven op ${esc(x.enrolledOn)}${x.leftOn ? `, uitgeschreven op ${esc(x.leftOn)}` : ''}. Dossier: ${x.dossier === 'destroyed' ? 'vernietigd' : 'bewaard'}.</p>
<h2>Toestemmingen</h2>${table(
  ['Doel', 'Stand', 'Sinds', 'Tot', 'Privacyverklaring'],
  x.consents.map((c) => [esc(c.purpose), esc(STATUS[c.status] ?? c.status), date(c.since), date(c.until), esc(c.noticeVersion)]),
)}
<h2>Gegevens gedeeld met anderen</h2>${table(
  ['Ontvanger', 'Gegevens', 'Grondslag', 'Van', 'Tot'],
  x.sharings.map((s) => [esc(s.recipientName ?? s.recipientId), esc(s.dataCategories.join(', ')), basisOf(s), date(s.from), date(s.until) + (s.problem ? ' — <strong>de grondslag was al vervallen toen de gegevens werden gedeeld</strong>' : '')]),
)}
<h2>Alle vastgelegde gebeurtenissen</h2>${table(
  ['Gebeurtenis', 'Wanneer', 'Vastgelegd', 'Controlegetal'],
  x.events.map((e) => [esc(e.type), date(e.occurredAt), date(e.recordedAt), `<code>${esc(e.hash?.slice(0, 16))}</code>`]),
)}
</body></html>
`;
