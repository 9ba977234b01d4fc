import { Module } from '@nestjs/common';
import { RelayService } from './relay.service';

/** The Kafka relay; its condition is read by the health check and the metrics. */
@Module({
  providers: [RelayService],
  exports: [RelayService],
})
export class PublishingModule {}
