import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerStorageService } from '@nestjs/throttler';
import type { LedgerConfig } from '../config/ledger-config';
import { ApiKeys } from './api-keys';
import { AuthGuard } from './auth.guard';
import { WrongKeyThrottle } from './wrong-key-throttle';

/**
 * Who may call: the API keys and their roles, the guard on every route, and the throttle on wrong
 * keys (`wrongKeysPerMinute` per client, over a window of 60 000 ms). Made once by the application
 * module and imported as that one value by the pages' login.
 */
@Module({})
export class AuthModule {
  static with(config: LedgerConfig, keys: ApiKeys): DynamicModule {
    return {
      module: AuthModule,
      providers: [
        { provide: ApiKeys, useValue: keys },
        ThrottlerStorageService,
        {
          provide: WrongKeyThrottle,
          inject: [ThrottlerStorageService],
          useFactory: (storage: ThrottlerStorageService) => new WrongKeyThrottle(storage, { limit: config.wrongKeysPerMinute, windowMs: 60_000 }),
        },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [ApiKeys, WrongKeyThrottle],
    };
  }
}
