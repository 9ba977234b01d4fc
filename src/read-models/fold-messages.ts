import type { Projection } from '../../projections/projection';
import { DomainError, type ErrorCode, type ErrorDetail, errorCode, errorMessage } from '../ledger/domain/errors';
import type { RecordedEvent } from '../ledger/domain/recorded-event';

/**
 * What the main thread and the fold thread say to each other (structured clone: data only). The
 * main thread names the projections a batch is for (all of them once caught up; one rebuilding on
 * its own at start), the thread answers the position its checkpoints reached and the keys it wrote.
 */
export type FoldRequest =
  | {
      readonly kind: 'fold';
      readonly id: number;
      readonly projections: readonly string[];
      readonly events: readonly RecordedEvent[];
      /** Keep the documents in the thread instead of writing them (a catch-up): written at a `flush`, or when too many are held. */
      readonly hold: boolean;
    }
  | { readonly kind: 'flush'; readonly id: number }
  | { readonly kind: 'close' };

/** Where the projections a module exports are found: its file (absolute) and the export's name. */
export interface ProjectionSource {
  readonly file: string;
  readonly exportName: string;
}

/** The projections `source` names, loaded (in whichever thread asks). @throws when the file or the export is not there. */
export const loadProjections = (source: ProjectionSource): readonly Projection<unknown>[] => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const list = (require(source.file) as Record<string, readonly Projection<unknown>[] | undefined>)[source.exportName];
  if (!list) throw new Error(`${source.file} exports no projections named ${source.exportName}`);
  return list;
};

/** A thrown value as data: a DomainError keeps its code and details, anything else its message and `code`. */
export interface WireError {
  readonly message: string;
  readonly code: string;
  readonly domain: { readonly code: ErrorCode; readonly details: readonly ErrorDetail[] } | null;
}

export type FoldReply =
  | { readonly kind: 'ready' }
  | { readonly kind: 'opening-failed'; readonly error: WireError }
  | { readonly kind: 'folded'; readonly id: number; readonly position: string | null; readonly written: readonly (readonly [string, readonly string[]])[] }
  | { readonly kind: 'failed'; readonly id: number; readonly error: WireError };

export const toWire = (e: unknown): WireError => ({
  message: errorMessage(e),
  code: errorCode(e),
  domain: e instanceof DomainError ? { code: e.code, details: e.details } : null,
});

/** The error again on this side: a DomainError (a full disk is STORE.DISK_FULL, 507) or an Error with its `code`. */
export const fromWire = (w: WireError): Error => {
  if (w.domain) return new DomainError(w.domain.code, w.message, w.domain.details);
  return Object.assign(new Error(w.message), w.code ? { code: w.code } : {});
};
