import { Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller';

/** /metrics on the API (METRICS_ENABLED): the registry of MetricsModule, with the HTTP histogram api-app adds. */
@Module({ controllers: [MetricsController] })
export class ApiMetricsModule {}
