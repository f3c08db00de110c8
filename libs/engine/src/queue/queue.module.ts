import { DynamicModule, Global, Module, ModuleMetadata } from '@nestjs/common';
import { JobProcessorClass } from './job-processor';
import { JOB_PROCESSORS, QueueWorker } from './queue-worker.service';
import { QueueService } from './queue.service';

/** The shared queue module: the API only enqueues; the worker also processes the jobs it is given. */
@Global()
@Module({})
export class QueueModule {
  static forProducer(): DynamicModule {
    return { module: QueueModule, providers: [QueueService], exports: [QueueService] };
  }

  /** `imports`: the domain modules whose handlers the processors call. */
  static forWorker(
    processors: readonly JobProcessorClass[],
    imports: ModuleMetadata['imports'] = [],
  ): DynamicModule {
    return {
      module: QueueModule,
      imports,
      providers: [
        QueueService,
        ...processors,
        {
          provide: JOB_PROCESSORS,
          inject: [...processors],
          useFactory: (...instances: unknown[]) => instances,
        },
        QueueWorker,
      ],
      exports: [QueueService],
    };
  }
}
