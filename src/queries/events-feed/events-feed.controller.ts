import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { Allow, SchoolsOfKey } from '../../auth/auth.guard';
import { ACCESS } from '../../auth/roles';
import { refuse } from '../../ledger/domain/errors';
import type { Schools } from '../../ledger/domain/school-scope';
import { inFeedOf } from '../../publishing/domain/feed-scope';
import { CLOUDEVENTS_SOURCE, isPublished, structuredCloudEvent, toIntegrationEvent } from '../../publishing/domain/integration-event';
import { integrationEvents } from '../../publishing/integration-events';
import { EVENT_STORE, type EventStore } from '../../core/ports/event-store.port';
import { readFiltered } from './read-filtered';

export class FeedQuery {
  @ApiProperty({ required: false, description: '0 for the start, or the `next` of an earlier answer; from the start when absent' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9:._-]{1,64}$/, { message: 'after must be 0 or a position from an earlier answer' })
  after?: string;

  @ApiProperty({ required: false, minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

@ApiTags('events')
@ApiBearerAuth()
@Controller('events')
export class EventsFeedController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /**
   * The global feed for systems that do not use Kafka: exactly the integration events the topic
   * carries (one mapping for both), each as a CloudEvent in JSON — pseudonymous ids only. A cursor
   * the ledger never gave out is refused (400), never read as "up to date" or "from the start".
   */
  @Get()
  @Allow(ACCESS.events)
  async feed(@Query() q: FeedQuery, @SchoolsOfKey() schools: Schools) {
    if (q.after !== undefined && q.after !== '0' && !(await this.store.hasPosition(q.after)))
      refuse('VALIDATION.INVALID', 'after is not a position this ledger gave out', [
        { field: 'after', problem: 'must be 0 or the `next` of an earlier answer' },
      ]);
    const after = q.after === undefined || q.after === '0' ? null : q.after;
    const keep = inFeedOf(schools);
    const { events, next } = await readFiltered(this.store, after, q.limit ?? 100, (e) => isPublished(e.type) && keep(toIntegrationEvent(e)));
    const items = (await integrationEvents(this.store, events)).map((ie) => structuredCloudEvent(ie, CLOUDEVENTS_SOURCE));
    return { events: items, next: next ?? q.after ?? null };
  }
}
