import { Inject, Injectable, Logger, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { Job } from 'bull';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { JobMetrics, trackJob } from '../observability/metrics/job-metrics';
import { runJobObserved } from '../observability/tracing/job-spans';
import { watchFinalFailures } from './final-failures';
import { TenantJobData } from './job-definition';
import { JobProcessor } from './job-processor';
import { QueueService } from './queue.service';

/** The worker's processors, as QueueModule.forWorker was given them. */
export const JOB_PROCESSORS = Symbol('JOB_PROCESSORS');

/**
 * Starts one Bull listener per registered processor on the queues this worker takes (WORKER_QUEUES),
 * WORKER_CONCURRENCY jobs at a time each.
 */
@Injectable()
export class QueueWorker implements OnApplicationBootstrap {
  private readonly logger = new Logger('QueueWorker');

  constructor(
    private readonly queues: QueueService,
    @Inject(JOB_PROCESSORS) private readonly processors: JobProcessor[],
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    // MetricsModule's, when METRICS_ENABLED: times each run and records its outcome.
    @Optional() private readonly metrics?: JobMetrics,
  ) {}

  onApplicationBootstrap(): void {
    const seen = new Set<string>();
    const taken = new Set(this.config.worker.queues);
    if (!this.processors.some((processor) => taken.has(processor.job.queue))) {
      // A pool pointed at a queue whose processors have not landed yet: alive, but it will never work.
      this.logger.warn(
        `no processor takes jobs from ${[...taken].join(', ')} (WORKER_QUEUES): this worker idles`,
      );
    }
    for (const processor of this.processors) {
      if (!taken.has(processor.job.queue)) continue;
      const { queue, name, options } = processor.job;
      const key = `${queue}/${name}`;
      if (seen.has(key)) throw new Error(`two processors are registered for ${key}`);
      seen.add(key);
      void this.queues.queue(queue).process(name, this.config.worker.concurrency, (job: Job<TenantJobData>) =>
        runJobObserved({ queue, name, id: String(job.id), data: job.data }, () =>
          trackJob(
            this.metrics,
            processor.job,
            {
              id: String(job.id),
              attempt: job.attemptsMade + 1,
              maxAttempts: job.opts.attempts ?? options.attempts ?? 1,
            },
            (run) => processor.process(job.data, run),
          ),
        ),
      );
      watchFinalFailures(this.queues.queue(queue), processor, this.logger, this.metrics);
      this.logger.log(`processing ${key}`);
    }
  }
}
