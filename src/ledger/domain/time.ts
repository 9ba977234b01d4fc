/**
 * The ledger's one notion of time ("Time, in one place" in DESIGN). Everything about time is
 * imported from here: instants and their cheap comparisons (time-instant), Dutch calendar time
 * (time-amsterdam) and the one reader of the times clients give (time-parse). No other file of
 * the ledger parses a date string (src/ledger/time-sources.unit.spec.ts checks that).
 */
export * from './time-instant';
export * from './time-amsterdam';
export * from './time-parse';
