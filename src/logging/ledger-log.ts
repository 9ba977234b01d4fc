import pino, { type DestinationStream, type Level, type Logger } from 'pino';

export const LEDGER_LOG = Symbol('LedgerLog');
export type LedgerLog = Logger;

/** Levels `LEDGER_LOG_LEVEL` may name; `silent` writes nothing. */
export const LOG_LEVELS: readonly (Level | 'silent')[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * The ledger's one logger: JSON lines (one object per line) with `time` in UTC (ISO 8601, ms) and
 * `level` by name. What goes in is the caller's care: ids of keys and routes, never an API key, a
 * body or a name — the request log (request-log.ts) and the error filter keep to that.
 * @param destination where lines go; standard output when absent
 */
export const ledgerLog = (level: Level | 'silent' = 'info', destination?: DestinationStream): LedgerLog =>
  pino(
    {
      level,
      base: { service: 'consent-ledger' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // A last guard: should a request or its headers ever reach a log call, these never leave.
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'req.body', 'body', 'headers.authorization'], censor: '[redacted]' },
    },
    destination ?? pino.destination({ fd: 1, sync: true }),
  );
