import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { pupilsProjection } from '../projections/pupils.projection';
import { AppModule } from '../src/app.module';
import { ApiKeys } from '../src/auth/api-keys';
import { LedgerConfig } from '../src/config/ledger-config';
import { configureApp, ledgerHttpAdapter } from '../src/http/configure-app';
import type { PupilState } from '../src/pupils/domain/pupil-state';
import type { DocStore } from '../src/read-models/doc-store';
import { pupilIdOf } from './history';

/** The registrar's key of the in-process ledger the bench measures. */
export const BENCH_KEY = 'bench-registrar-key-0123456789';

/** The whole ledger in this process on `dataDir` (schedulers off, errors only logged), listening on a free port. */
export const startBenchLedger = async (dataDir: string): Promise<NestFastifyApplication> => {
  const config = new LedgerConfig({ port: 0, dataDir, checkpointMinutes: 0, expiryMinutes: 0, logLevel: 'error' });
  const app = await configureApp(
    await NestFactory.create<NestFastifyApplication>(AppModule.with(config, new ApiKeys(`${BENCH_KEY}:registrar`)), ledgerHttpAdapter(), {
      logger: ['error'],
    }),
  );
  await app.listen(0, '127.0.0.1');
  return app;
};

/**
 * Up to `max` pupils who take consents: enrolled and not left (a pupil who left stays `enrolled`,
 * with `left`, until the dossier is destroyed, and refuses consents). Probed one by one: reading
 * every pupil's document at once does not fit in memory at 15 M.
 */
export const enrolledPupils = (docs: DocStore, pupils: number, max = 20_000): string[] => {
  const enrolled: string[] = [];
  for (let n = 0; n < pupils && enrolled.length < max; n++) {
    const pupil = docs.get<PupilState>(pupilsProjection.name, pupilIdOf(n));
    if (pupil?.status === 'enrolled' && !pupil.left) enrolled.push(pupilIdOf(n));
  }
  return enrolled;
};
