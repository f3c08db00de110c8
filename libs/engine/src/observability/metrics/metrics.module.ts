import { DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { Registry } from 'prom-client';
import { QueueName } from '../../queue/queue-name.enum';
import { QueueService } from '../../queue/queue.service';
import { JobMetrics } from './job-metrics';
import { createMetricsRegistry, METRICS_REGISTRY } from './metrics-registry';
import { registerQueueDepth } from './queue-depth';

/**
 * Prometheus metrics of one app (API or worker): its registry (METRICS_REGISTRY, with Node's process
 * metrics and every queue's depth read from Bull at scrape time) and, with `jobs` (the worker), the job
 * series its QueueWorker records (JobMetrics). The app serves the registry on /metrics. Imported only when
 * METRICS_ENABLED; needs QueueModule (either of its forms).
 */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(options: { jobs?: boolean } = {}): DynamicModule {
    const jobs = options.jobs
      ? [{ provide: JobMetrics, inject: [METRICS_REGISTRY], useFactory: (r: Registry) => new JobMetrics(r) }]
      : [];
    return {
      module: MetricsModule,
      providers: [
        {
          provide: METRICS_REGISTRY,
          inject: [QueueService],
          useFactory: (queues: QueueService) => {
            const registry = createMetricsRegistry();
            const logger = new Logger('Metrics');
            registerQueueDepth(
              registry,
              () => Object.values(QueueName).map((name) => [name, queues.queue(name)] as const),
              { onError: (queue, error) => logger.warn(`queue ${queue} not measured: ${error.message}`) },
            );
            return registry;
          },
        },
        ...jobs,
      ],
      exports: [METRICS_REGISTRY, ...(options.jobs ? [JobMetrics] : [])],
    };
  }
}
