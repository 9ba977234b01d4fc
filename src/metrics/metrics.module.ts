import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { PublishingModule } from '../publishing/publishing.module';
import { CommandMetricsInterceptor } from './command-metrics.interceptor';
import { LedgerMetrics } from './ledger-metrics';
import { MetricsController } from './metrics.controller';

/** Prometheus metrics: `GET /metrics`, and the count and duration of every command answered. */
@Module({
  imports: [PublishingModule],
  controllers: [MetricsController],
  providers: [LedgerMetrics, { provide: APP_INTERCEPTOR, useClass: CommandMetricsInterceptor }],
  exports: [LedgerMetrics],
})
export class MetricsModule {}
