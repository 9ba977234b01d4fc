import { Controller, Get, Header } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/auth.guard';
import { ACCESS } from '../auth/roles';
import { LedgerMetrics } from './ledger-metrics';

@ApiTags('operations')
@ApiBearerAuth()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: LedgerMetrics) {}

  /** Prometheus text format (0.0.4): commands and refusals, latencies, lags, broker and store. For `system` and `auditor`. */
  @Get()
  @Allow(ACCESS.metrics)
  @ApiProduces('text/plain')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
