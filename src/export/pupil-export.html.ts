import { dutchDate } from '../ledger/domain/time';
import type { School } from '../schools/school-register';
import { BASIS_NL, CATEGORY_NL, RELATION_NL, STATUS_NL, eventNl, purposeInDutch } from './dutch-names';
import type { PupilExport } from './pupil-export';

const esc = (v: unknown): string =>
  (typeof v === 'string' || typeof v === 'number' ? String(v) : '—').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/** Days, never times: a parent reads "1 september 2025", not an hour the ledger chose. */
const day = (iso: string | null) => (iso ? esc(dutchDate(iso)) : '—');

const personalOf = (p: unknown): string => {
  if (!p || typeof p !== 'object') return '<p>Er zijn geen naam en geboortedatum vastgelegd.</p>';
  if ('shredded' in p) return '<p>Het dossier is vernietigd: naam en geboortedatum zijn onleesbaar gemaakt.</p>';
  const { name, birthDate } = p as { name?: string; birthDate?: string | null };
  return `<dl><dt>Naam</dt><dd>${esc(name)}</dd><dt>Geboortedatum</dt><dd>${birthDate ? day(birthDate) : '—'}</dd></dl>`;
};

/** The basis with the law it cites, when there is one; a shredded reference says so. */
const basisOf = (s: PupilExport['sharings'][number]): string => {
  const basis = esc(BASIS_NL[s.legalBasis] ?? s.legalBasis);
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

const ownLabels = (x: PupilExport) => (p: string) => x.purposeLabels.find((l) => l.purpose === p)?.nl;
const categoriesNl = (cs: readonly string[]) => esc(cs.map((c) => CATEGORY_NL[c] ?? c).join(', '));

const schoolLine = (x: PupilExport, school: School | null) => (school ? `<strong>${esc(school.name)}</strong>` : `school <strong>${esc(x.schoolId)}</strong>`);

const contactOf = (school: School | null) => (school ? `de school: ${esc(school.contact)}` : 'de administratie van de school');

/** What a parent can do with what they read, and where they go (AVG art. 7(3), 21 and 77). */
const yourRights = (school: School | null) => `<h2>Wat kunt u doen?</h2>
<ul>
<li><strong>Toestemming intrekken.</strong> Een toestemming kunt u altijd intrekken, voor elk doel apart. Vanaf dat moment maakt de school er geen gebruik meer van. Neem contact op met ${contactOf(school)}.</li>
<li><strong>Bezwaar maken.</strong> Gebruikt de school gegevens van uw kind zonder uw toestemming, dan kunt u daartegen bezwaar maken (AVG artikel 21), en u kunt vragen om gegevens te verbeteren of te wissen.</li>
<li><strong>Een klacht indienen.</strong> Komt u er met de school niet uit, dan kunt u een klacht indienen bij de Autoriteit Persoonsgegevens (autoriteitpersoonsgegevens.nl).</li>
</ul>`;

/**
 * The right-of-access export as a page a parent can be handed, in plain Dutch: purposes, events,
 * categories and legal bases in words, days as days, the school's name and contact point from the
 * school register, the guardians and their relation, and what the parent can do. No hashes and no
 * event ids: those stay in the JSON export, for the auditor.
 */
export const renderExportHtml = (x: PupilExport, school: School | null = null): string => {
  const recipientName = (id: string) => x.sharings.find((s) => s.recipientId === id)?.recipientName ?? id;
  return `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Inzage: wat de school over uw kind heeft vastgelegd</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{border:1px solid #ccc;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}dt{font-weight:600}.contact{background:#f6f8fa;border-left:4px solid #4a7;padding:.5rem 1rem}</style></head><body>
<h1>Wat de school over uw kind heeft vastgelegd</h1>
<p>Dit overzicht van ${schoolLine(x, school)} is opgesteld op ${day(x.generatedAt)}, op grond van uw recht op inzage (AVG artikel 15). Het leerlingnummer is <strong>${esc(x.pupilId)}</strong>.</p>
${school ? `<p class="contact">Vragen? Neem contact op met ${esc(school.name)}: ${esc(school.contact)}.</p>` : ''}
<h2>Uw kind</h2>${personalOf(x.personal)}
<p>Ingeschreven op ${day(x.enrolledOn)}${x.leftOn ? `, van school gegaan op ${day(x.leftOn)}` : ''}. ${x.dossier === 'destroyed' ? 'Het dossier is vernietigd.' : 'Het dossier wordt bewaard.'}</p>
<h2>Ouders en verzorgers</h2>${table(
    ['Wie', 'Relatie tot het kind'],
    x.guardians.map((g) => [esc(g.guardianId), esc(RELATION_NL[g.relation] ?? g.relation)]),
  )}
<h2>Toestemmingen</h2>${table(
    ['Waarvoor', 'Stand', 'Sinds', 'Tot', 'Privacyverklaring'],
    x.consents.map((c) => [
      esc(purposeInDutch(c.purpose, ownLabels(x))),
      esc(STATUS_NL[c.status] ?? c.status),
      day(c.since),
      day(c.until),
      esc(c.noticeVersion),
    ]),
  )}
<h2>Gegevens gedeeld met anderen</h2>${table(
    ['Met wie', 'Welke gegevens', 'Op grond van', 'Vanaf', 'Tot'],
    x.sharings.map((s) => [
      esc(s.recipientName ?? s.recipientId),
      categoriesNl(s.dataCategories),
      basisOf(s),
      day(s.from),
      day(s.until) + (s.problem ? ' — <strong>de grond was al vervallen toen de gegevens werden gedeeld</strong>' : ''),
    ]),
  )}
<h2>Alles wat is vastgelegd, op volgorde</h2>${table(
    ['Wat', 'Op', 'Vastgelegd op'],
    x.events.map((e) => [esc(eventNl(e.type, (e.data ?? {}) as Record<string, unknown>, recipientName, ownLabels(x))), day(e.occurredAt), day(e.recordedAt)]),
  )}
${yourRights(school)}
</body></html>
`;
};
