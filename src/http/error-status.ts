import type { ErrorCode } from '../ledger/domain/errors';

/**
 * The one mapping from a refusal's code to its HTTP status (DESIGN: errors). A `Record` over the
 * union, so a new code does not compile until its status is chosen here: no guess by prefix, no default.
 */
export const ERROR_STATUS: Readonly<Record<ErrorCode, number>> = {
  'VALIDATION.INVALID': 400,
  'VALIDATION.FUTURE_TIME': 400,
  'SHARING.LEGAL_REFERENCE_REQUIRED': 400,
  'PUPIL.NOT_FOUND': 404,
  'RECIPIENT.NOT_FOUND': 404,
  'SCHOOL.NOT_FOUND': 404,
  'AGREEMENT.NOT_FOUND': 404,
  'PUPIL.DOSSIER_DESTROYED': 410,
  'PUPIL.ALREADY_ENROLLED': 409,
  'PUPIL.ALREADY_LEFT': 409,
  'PUPIL.NOT_LEFT': 409,
  'CONSENT.NOT_A_GUARDIAN': 409,
  'CONSENT.PUPIL_TOO_YOUNG': 409,
  'CONSENT.NOT_ACTIVE': 409,
  'CONSENT.NOT_LAPSED': 409,
  'CONSENT.MISSING_FOR_SHARING': 409,
  'RECIPIENT.ALREADY_REGISTERED': 409,
  'RECIPIENT.NOT_A_PROCESSOR': 409,
  'AGREEMENT.ALREADY_CONCLUDED': 409,
  'AGREEMENT.ALREADY_ENDED': 409,
  'AGREEMENT.NOT_IN_FORCE': 409,
  'SHARING.CATEGORY_NOT_REGISTERED': 409,
  'SHARING.SPECIAL_CATEGORY': 409,
  'SHARING.CATEGORY_NOT_CONSENTED': 409,
  'SHARING.NO_PURPOSE': 409,
  'RETENTION.NOT_EXPIRED': 409,
  'PURPOSE.ALREADY_DEFINED': 409,
  'STORE.CONCURRENT_CHANGE': 409,
  'IDEMPOTENCY.KEY_REUSED': 409,
  'STORE.UNAVAILABLE': 503,
  'READS.NOT_RECORDED': 503,
  'STORE.DISK_FULL': 507,
  // The store in use cannot do this (EventStoreDB: several streams all-or-nothing), whatever is asked.
  'STORE.NOT_ATOMIC': 501,
};

export const statusOf = (code: ErrorCode): number => ERROR_STATUS[code];

/** The codes answered with `status`, for the OpenAPI descriptions. */
export const codesOf = (status: number): ErrorCode[] => (Object.keys(ERROR_STATUS) as ErrorCode[]).filter((c) => ERROR_STATUS[c] === status).sort();
