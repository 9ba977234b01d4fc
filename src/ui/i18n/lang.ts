import type { ReaderLanguage } from '../../ledger/domain/time';
import { en } from './texts.en';
import { type Texts, nl } from './texts.nl';

export type Lang = ReaderLanguage;

/** Dutch first; English only when asked for by `?lang=en` (DESIGN, pages). */
export const langOf = (query: unknown): Lang => ((query as { lang?: unknown } | undefined)?.lang === 'en' ? 'en' : 'nl');

export const textsOf = (lang: Lang): Texts => (lang === 'en' ? en : nl);

/** A page's own words in both languages, the English typed by the Dutch. */
export const pageTexts =
  <T>(nlTexts: T, enTexts: T) =>
  (lang: Lang): T =>
    lang === 'en' ? enTexts : nlTexts;

/**
 * A link within the pages that keeps the reader's language: `params` with empty values left out,
 * `lang=en` added when reading English. Paths are the pages' own; values are URL-encoded.
 */
export const href = (lang: Lang, path: string, params: Record<string, string | undefined> = {}): string => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, v);
  if (lang === 'en') q.set('lang', 'en');
  const s = q.toString();
  return s ? `${path}?${s}` : path;
};

/** The same page (path and query as asked) in `to`: the language switch. */
export const inLanguage = (url: string, to: Lang): string => {
  const [path, query = ''] = url.split('?', 2);
  const q = new URLSearchParams(query);
  q.delete('lang');
  if (to === 'en') q.set('lang', 'en');
  const s = q.toString();
  return s ? `${path}?${s}` : path;
};
