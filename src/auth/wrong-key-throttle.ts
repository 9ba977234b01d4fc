import { Injectable } from '@nestjs/common';
import { ThrottlerStorageService } from '@nestjs/throttler';

export interface WrongKeyLimits {
  /** Wrong keys a client may present per window before it is blocked for one window. */
  readonly limit: number;
  readonly windowMs: number;
}

const NAME = 'wrong-keys';
const keyOf = (client: string) => `${NAME}:${client}`;

/**
 * Counts wrong API keys per client with @nestjs/throttler's storage. Only wrong keys count, so a
 * busy client with a right key is never slowed; a blocked client is refused whatever key it shows,
 * or the answer would tell a guesser when it guessed right.
 */
@Injectable()
export class WrongKeyThrottle {
  constructor(
    private readonly storage: ThrottlerStorageService,
    private readonly limits: WrongKeyLimits,
  ) {}

  /** Seconds until `client` may try again; 0 when it is not blocked. */
  blockedFor(client: string): number {
    const record = this.storage.storage.get(keyOf(client));
    const left = record?.isBlocked ? record.blockExpiresAt - Date.now() : 0;
    return left > 0 ? Math.ceil(left / 1000) : 0;
  }

  /** Counts one wrong key; answers the seconds `client` is now blocked for, 0 while under the limit. */
  async wrongKey(client: string): Promise<number> {
    const { windowMs, limit } = this.limits;
    const r = await this.storage.increment(keyOf(client), windowMs, limit, windowMs, NAME);
    return r.isBlocked ? Math.max(1, r.timeToBlockExpire) : 0;
  }
}
