import { DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobProcessor } from './job-processor.service';
import { QueueService } from './queue.service';

/** The shared queue module: the API only enqueues; the worker also processes. */
@Global()
@Module({})
export class QueueModule {
  static forProducer(): DynamicModule {
    return { module: QueueModule, providers: [QueueService], exports: [QueueService] };
  }

  static forWorker(): DynamicModule {
    return {
      module: QueueModule,
      imports: [DiscoveryModule],
      providers: [QueueService, JobProcessor],
      exports: [QueueService],
    };
  }
}
