import { InvalidArgumentError } from 'commander';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { dateReadingOf, readTime, TimeFormatError } from '../ledger/domain/time';

/** Reads an option's time with the ledger's one reader of times, as its field would be read over HTTP. */
export const instant =
  (field: string) =>
  (value: string): string => {
    try {
      return readTime(value, dateReadingOf(field)).instant;
    } catch (e) {
      if (e instanceof TimeFormatError) throw new InvalidArgumentError(e.problem);
      throw e;
    }
  };

/** The embedded log of a data directory: `events.db` in it, resolved. Throws when there is none. */
export const eventsFile = (dataDir: string) => {
  const file = join(resolve(dataDir), 'events.db');
  if (!existsSync(file)) throw new Error(`no ledger store at ${file}`);
  return file;
};
