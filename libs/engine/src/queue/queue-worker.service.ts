import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bull';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { TenantJobData } from './job-definition';
import { JobProcessor } from './job-processor';
import { QueueService } from './queue.service';

/** The worker's processors, as QueueModule.forWorker was given them. */
export const JOB_PROCESSORS = Symbol('JOB_PROCESSORS');

/** Starts one Bull listener per registered processor, WORKER_CONCURRENCY jobs at a time each. */
@Injectable()
export class QueueWorker implements OnApplicationBootstrap {
  private readonly logger = new Logger('QueueWorker');

  constructor(
    private readonly queues: QueueService,
    @Inject(JOB_PROCESSORS) private readonly processors: JobProcessor[],
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const seen = new Set<string>();
    for (const processor of this.processors) {
      const { queue, name, options } = processor.job;
      const key = `${queue}/${name}`;
      if (seen.has(key)) throw new Error(`two processors are registered for ${key}`);
      seen.add(key);
      void this.queues.queue(queue).process(name, this.config.worker.concurrency, (job: Job<TenantJobData>) =>
        processor.process(job.data, {
          id: String(job.id),
          attempt: job.attemptsMade + 1,
          maxAttempts: job.opts.attempts ?? options.attempts ?? 1,
        }),
      );
      this.logger.log(`processing ${key}`);
    }
  }
}
