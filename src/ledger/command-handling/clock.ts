import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

/** The one place the ledger reads the time and makes ids, so tests can fix both. */
@Injectable()
export class Clock {
  now(): string {
    return new Date().toISOString();
  }

  id(): string {
    return randomUUID();
  }
}
