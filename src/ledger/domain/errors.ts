/**
 * Every refusal the ledger gives has a stable code, one per condition; the HTTP layer maps each
 * code to its status in one exhaustive table (`src/http/error-status.ts`), so the rule that
 * refuses never needs to know about HTTP.
 */
export type ErrorCode =
  | 'VALIDATION.INVALID'
  | 'VALIDATION.FUTURE_TIME'
  | 'PUPIL.NOT_FOUND'
  | 'PUPIL.ALREADY_ENROLLED'
  | 'PUPIL.ALREADY_LEFT'
  | 'PUPIL.NOT_LEFT'
  | 'PUPIL.DOSSIER_DESTROYED'
  | 'CONSENT.NOT_A_GUARDIAN'
  | 'CONSENT.PUPIL_TOO_YOUNG'
  | 'CONSENT.NOT_ACTIVE'
  | 'CONSENT.NOT_LAPSED'
  | 'CONSENT.MISSING_FOR_SHARING'
  | 'RECIPIENT.NOT_FOUND'
  | 'SCHOOL.NOT_FOUND'
  | 'RECIPIENT.ALREADY_REGISTERED'
  | 'RECIPIENT.NOT_A_PROCESSOR'
  | 'AGREEMENT.NOT_FOUND'
  | 'AGREEMENT.ALREADY_CONCLUDED'
  | 'AGREEMENT.ALREADY_ENDED'
  | 'AGREEMENT.NOT_IN_FORCE'
  | 'SHARING.CATEGORY_NOT_REGISTERED'
  | 'SHARING.SPECIAL_CATEGORY'
  | 'SHARING.CATEGORY_NOT_CONSENTED'
  | 'SHARING.NO_PURPOSE'
  | 'SHARING.LEGAL_REFERENCE_REQUIRED'
  | 'RETENTION.NOT_EXPIRED'
  | 'PURPOSE.ALREADY_DEFINED'
  | 'STORE.CONCURRENT_CHANGE'
  | 'STORE.UNAVAILABLE'
  | 'STORE.DISK_FULL'
  | 'STORE.NOT_ATOMIC'
  | 'READS.NOT_RECORDED'
  | 'IDEMPOTENCY.KEY_REUSED';

export interface ErrorDetail {
  readonly field?: string;
  readonly pupilId?: string;
  readonly problem: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: readonly ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const refuse = (code: ErrorCode, message: string, details: readonly ErrorDetail[] = []): never => {
  throw new DomainError(code, message, details);
};

/**
 * The message of anything thrown, for a log line. Not `instanceof Error`: errors made by a native
 * module (better-sqlite3) or in another realm fail that test and would print their class name too.
 */
/** A thrown value's `code` (an errno name such as ENOSPC, SQLite's SQLITE_BUSY, PostgreSQL's SQLSTATE), '' when it has none. */
export const errorCode = (e: unknown): string => {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' || typeof code === 'number' ? String(code) : '';
};

export const errorMessage = (e: unknown): string => {
  const m = (e as { message?: unknown } | null)?.message;
  return typeof m === 'string' ? m : String(e);
};
