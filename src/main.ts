import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { ApiKeys, ensureKeyFile, readKeyFile } from './auth/api-keys';
import { LedgerConfig } from './config/ledger-config';
import { configureApp, ledgerHttpAdapter } from './http/configure-app';

async function bootstrap(): Promise<void> {
  const log = new Logger('ledger');
  const config = LedgerConfig.fromEnv();
  let pairs = config.apiKeys;
  if (!pairs) {
    const { file, created } = ensureKeyFile(config.dataDir);
    log.log(`${created ? 'created one API key per role in' : 'API keys are in'} ${file} (readable by its owner only)`);
    pairs = readKeyFile(file);
  }
  const app = await configureApp(
    await NestFactory.create<NestFastifyApplication>(AppModule.with(config, new ApiKeys(pairs)), ledgerHttpAdapter(), { bufferLogs: false }),
  );
  // Every interface, as before the move to Fastify (whose own default is localhost only).
  await app.listen(config.port, '0.0.0.0');
  log.log(`consent ledger on http://localhost:${config.port} (data in ${config.dataDir}; API docs at /docs)`);
}

void bootstrap();
