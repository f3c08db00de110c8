import { DynamicModule, Module } from '@nestjs/common';
import {
  AppConfig,
  ConfigModule,
  DatabaseModule,
  EventsModule,
  QueueModule,
  RedisModule,
  StorageModule,
} from '@loris/engine';
import { PROCESSOR_DOMAINS, PROCESSORS } from './processors/processors.registry';

/** The engine's plumbing plus the queue worker with the registry's processors; no HTTP, no GraphQL. */
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
      ],
    };
  }
}
