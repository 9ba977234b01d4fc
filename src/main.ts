import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { ApiKeys, ensureKeyFile, readKeyFile } from './auth/api-keys';
import { LedgerConfig } from './config/ledger-config';
import { describeSelection, unusedStoreSettings } from './config/store-selection';
import { ensureSharedKeyFile } from './store/postgres/shared/shared-api-keys';
import { configureApp, ledgerHttpAdapter } from './http/configure-app';
import { DataDirectory } from './store/data-directory';
import { errorMessage } from './ledger/domain/errors';
import { bootLogger } from './logging/boot-logger';
import { ledgerLog } from './logging/ledger-log';

/**
 * Starts the ledger as `npm start` does, from the environment; the app is returned for tests.
 * Logs are JSON lines on standard output (`LEDGER_LOG_LEVEL`); `logger: false` keeps it silent.
 */
export async function bootstrap(env: NodeJS.ProcessEnv = process.env, logger: false | undefined = undefined): Promise<NestFastifyApplication> {
  const config = LedgerConfig.fromEnv(env);
  const root = ledgerLog(logger === false ? 'silent' : config.logLevel);
  const log = root.child({ context: 'ledger' });
  const unused = unusedStoreSettings(env, config.store);
  if (unused.length > 0)
    log.warn(
      `${unused.join(' and ')} set, but LEDGER_STORE is ${config.store.kind}: ${unused.length > 1 ? 'they are' : 'it is'} not used (set LEDGER_STORE to use another store)`,
    );
  // Before anything is written there (the API keys are): a directory that cannot serve is named, with why.
  DataDirectory.open(config.dataDir);
  let pairs = config.apiKeys;
  let source = 'LEDGER_API_KEYS';
  if (!pairs) {
    const s = config.store;
    // On a shared store the keys are one set for every instance, kept in PostgreSQL; the file is this instance's copy.
    const { file, created } = s.kind === 'sqlite' ? ensureKeyFile(config.dataDir) : await ensureSharedKeyFile(s.postgresUrl, s.schema, config.dataDir);
    log.info(`${created ? 'created one API key per role in' : 'API keys are in'} ${file} (readable by its owner only)`);
    pairs = readKeyFile(file);
    source = file;
  }
  const keys = new ApiKeys(pairs, source);
  const app = await configureApp(
    await NestFactory.create<NestFastifyApplication>(AppModule.with(config, keys, root), ledgerHttpAdapter(), {
      logger: bootLogger(root),
      abortOnError: false,
    }),
  );
  await app.listen(config.port, config.host);
  log.info(
    `consent ledger on http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port} (${describeSelection(config.store, config.dataDir)}; API docs at /docs)`,
  );
  return app;
}

if (require.main === module)
  bootstrap().catch((e: unknown) => {
    // The configuration itself may be what failed: this line must not depend on it.
    ledgerLog('info').fatal({ context: 'ledger' }, `cannot start: ${errorMessage(e)}`);
    // Exit now: what opened before the failure (a PostgreSQL pool, a lease's connection) would keep
    // a refused start alive, holding connections and listening on nothing.
    process.exit(1);
  });
