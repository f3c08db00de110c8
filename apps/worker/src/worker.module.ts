import { DynamicModule, Module } from '@nestjs/common';
import {
  AppConfig,
  ConfigModule,
  DatabaseModule,
  EventsModule,
  MetricsModule,
  QueueModule,
  RedisModule,
  StorageModule,
} from '@loris/engine';
import { WorkerHttpModule } from './http/worker-http.module';
import { PROCESSOR_DOMAINS, PROCESSORS } from './processors/processors.registry';

/**
 * The engine's plumbing plus the queue worker with the registry's processors, and a small HTTP server for
 * health and /metrics (WORKER_HTTP_PORT); no GraphQL.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        RedisModule,
        StorageModule,
        EventsModule,
        QueueModule.forWorker(PROCESSORS, PROCESSOR_DOMAINS),
        ...(config.metrics.enabled ? [MetricsModule.forRoot({ jobs: true })] : []),
        WorkerHttpModule,
      ],
    };
  }
}
