import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { LoadClientArgs, OnePupilLoad, SchoolDayLoad } from './http-load-client';
import { startLedger } from './ledger-process';
import { COMPILED } from './paths';

export interface HttpProcessFigures {
  /** 64 keep-alive clients, each enrolling a pupil and giving it five consents, for the run's seconds. */
  readonly schoolDay: SchoolDayLoad;
  /** 100 consents on one pupil at once, answers by status. */
  readonly onePupil: OnePupilLoad;
}

const KEY = 'bench-http-registrar-key-0123456789';

const client = async <T>(args: Omit<LoadClientArgs, 'url' | 'key'>, url: string): Promise<T> =>
  JSON.parse(
    (
      await promisify(execFile)(process.execPath, [join(COMPILED, 'http-load-client.js'), JSON.stringify({ ...args, url, key: KEY })], {
        encoding: 'utf8',
        maxBuffer: 1 << 24,
      })
    ).stdout,
  ) as T;

/**
 * The HTTP figures against the ledger as a user runs it: `node dist/src/main.js` on a fresh data
 * directory, a key from the environment, the default log level; the load generator in a third
 * process (bench/http-load-client.ts). The ledger is stopped, and its directory removed, after.
 */
export const measureHttpProcess = async (seconds: number): Promise<HttpProcessFigures> => {
  const ledger = await startLedger(KEY);
  try {
    const schoolDay = await client<SchoolDayLoad>({ mode: 'school-day', clients: 64, seconds }, ledger.url);
    const onePupil = await client<OnePupilLoad>({ mode: 'one-pupil', clients: 100, seconds: 0 }, ledger.url);
    return { schoolDay, onePupil };
  } finally {
    await ledger.stop();
  }
};
