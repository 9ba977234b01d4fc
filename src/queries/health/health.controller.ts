import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../../auth/auth.guard';
import { LedgerHealth } from './ledger-health';

/**
 * Liveness and readiness for operators and load balancers; no key needed and nothing about the
 * data in either answer. A 503 carries the error shape and the checks together.
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: LedgerHealth) {}

  /** 200 {status: ok | degraded, checks} while commands can be acknowledged; 503 with the reason when not. */
  @Get()
  @Public()
  async live() {
    const { status, reason, checks } = await this.health.check();
    if (status === 'unavailable')
      throw new ServiceUnavailableException({
        error: 'STORE.UNAVAILABLE',
        message: `commands cannot be acknowledged: ${reason}`,
        details: [{ problem: reason }],
        status,
        checks,
      });
    return { status, checks };
  }

  /** 200 when this instance should take traffic (store usable, read models within their bound); 503 otherwise. */
  @Get('ready')
  @Public()
  async ready() {
    const { ready, reason, checks } = await this.health.check();
    if (!ready)
      throw new ServiceUnavailableException({
        error: 'HEALTH.NOT_READY',
        message: `not ready: ${reason}`,
        details: [{ problem: reason }],
        status: 'not_ready',
        checks,
      });
    return { status: 'ready', checks };
  }
}
