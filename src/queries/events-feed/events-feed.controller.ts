import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { feedEvent } from '../../../projections/events.view';
import { Allow, SchoolsOfKey } from '../../auth/auth.guard';
import { ACCESS } from '../../auth/roles';
import type { Schools } from '../../ledger/domain/school-scope';
import { inFeedOf } from '../../publishing/domain/feed-scope';
import { toIntegrationEvent } from '../../publishing/domain/integration-event';
import { EVENT_STORE, type EventStore } from '../../store/event-store.port';
import { readFiltered } from './read-filtered';

export class FeedQuery {
  @ApiProperty({ required: false, description: 'the `next` of the previous page; from the start when absent' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9:._-]{1,64}$/, { message: 'after must be a position from an earlier answer' })
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

  /** The global feed for systems that do not use Kafka: pseudonymous ids only, no personal field. */
  @Get()
  @Allow(ACCESS.events)
  async feed(@Query() q: FeedQuery, @SchoolsOfKey() schools: Schools) {
    const keep = inFeedOf(schools);
    const { events, next } = await readFiltered(this.store, q.after ?? null, q.limit ?? 100, (e) => keep(toIntegrationEvent(e)));
    return { events: events.map(feedEvent), next };
  }
}
