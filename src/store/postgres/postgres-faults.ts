import { errorMessage, errorCode } from '../../ledger/domain/errors';
import type { FaultKind } from '../remote-store-condition';

/**
 * Errors that say the database cannot take a write now, whatever the write: a connection that
 * failed, was refused or timed out (client side or `statement_timeout`/`lock_timeout`), a server
 * shutting down or starting, too many connections, a standby that is read-only.
 */
const UNREACHABLE_SQLSTATE = /^(08|57P|53300|25006|57014|55P03)/;
const UNREACHABLE_NODE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN']);
const UNREACHABLE_MESSAGE =
  /Connection terminated|connection timeout|Query read timeout|timeout exceeded when trying to connect|not queryable|Client was closed/i;

const codeOf = errorCode;

/**
 * A PostgreSQL error in the ledger's terms (`53100` is the server's disk full). The reason names
 * the kind of fault only, never a statement or its values.
 */
export const classifyPostgresFault = (e: unknown): FaultKind => {
  const code = codeOf(e);
  if (code === '53100') return { kind: 'disk_full', reason: 'the disk holding the PostgreSQL database is full' };
  if (!(UNREACHABLE_SQLSTATE.test(code) || UNREACHABLE_NODE.has(code) || UNREACHABLE_MESSAGE.test(errorMessage(e)))) return null;
  if (code === '25006') return { kind: 'unreachable', reason: 'PostgreSQL takes no writes (a read-only standby?)' };
  if (code === '57014' || code === '55P03' || /timeout/i.test(errorMessage(e)))
    return { kind: 'unreachable', reason: 'PostgreSQL did not answer within its deadline' };
  return { kind: 'unreachable', reason: `PostgreSQL cannot be reached (${code || errorMessage(e)})` };
};
