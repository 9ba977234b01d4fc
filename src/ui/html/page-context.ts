import type { Purpose } from '../../ledger/domain/purposes';
import type { Lang } from '../i18n/lang';
import type { Texts } from '../i18n/texts.nl';
import type { PageSession } from '../session/page-session';

/** What every page is rendered with: the reader's language and words, who reads, and the school register. */
export interface PageContext {
  readonly lang: Lang;
  readonly t: Texts;
  /** The path and query as asked (for the language switch). */
  readonly url: string;
  /** Null on the sign-in page and on errors before a session was read. */
  readonly session: PageSession | null;
  /** A token for this page's forms; empty without a session. */
  readonly formToken: string;
  /** A school's name from the register (LEDGER_SCHOOLS), or its id. */
  readonly schoolName: (schoolId: string) => string;
  /** The purpose catalogue as this instance last read it: the defaults, then the board's own. */
  readonly purposes: readonly Purpose[];
}
