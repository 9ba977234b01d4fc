import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../../auth/auth.guard';
import { EVENT_STORE, type EventStore } from '../../store/event-store.port';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** 200 when the store answers; no key needed, and nothing about the data in the answer. */
  @Get()
  @Public()
  async health() {
    try {
      await this.store.head();
      return { status: 'ok' };
    } catch {
      throw new ServiceUnavailableException('the event store does not answer');
    }
  }
}
