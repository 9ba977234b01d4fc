import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { ApiKeys, ensureKeyFile, readKeyFile } from './auth/api-keys';
import { LedgerConfig } from './config/ledger-config';
import { configureApp } from './http/configure-app';

async function bootstrap(): Promise<void> {
  const log = new Logger('ledger');
  const config = LedgerConfig.fromEnv();
  let pairs = config.apiKeys;
  if (!pairs) {
    const { file, created } = ensureKeyFile(config.dataDir);
    log.log(`${created ? 'created one API key per role in' : 'API keys are in'} ${file} (readable by its owner only)`);
    pairs = readKeyFile(file);
  }
  const app = configureApp(await NestFactory.create(AppModule.with(config, new ApiKeys(pairs)), { bufferLogs: false }));
  await app.listen(config.port);
  log.log(`consent ledger on http://localhost:${config.port} (data in ${config.dataDir}; API docs at /docs)`);
}

void bootstrap();
