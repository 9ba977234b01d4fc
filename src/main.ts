import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { ApiKeys, ensureKeyFile, readKeyFile } from './auth/api-keys';
import { LedgerConfig } from './config/ledger-config';
import { configureApp } from './http/configure-app';
import { DataDirectory } from './store/data-directory';

const log = new Logger('ledger');

async function bootstrap(): Promise<void> {
  const config = LedgerConfig.fromEnv();
  // Before anything is written there (the API keys are): a directory that cannot serve is named, with why.
  DataDirectory.open(config.dataDir);
  let pairs = config.apiKeys;
  if (!pairs) {
    const { file, created } = ensureKeyFile(config.dataDir);
    log.log(`${created ? 'created one API key per role in' : 'API keys are in'} ${file} (readable by its owner only)`);
    pairs = readKeyFile(file);
  }
  const app = configureApp(await NestFactory.create(AppModule.with(config, new ApiKeys(pairs)), { bufferLogs: false, abortOnError: false }));
  await app.listen(config.port);
  log.log(`consent ledger on http://localhost:${config.port} (data in ${config.dataDir}; API docs at /docs)`);
}

bootstrap().catch((e: unknown) => {
  log.error(`cannot start: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
