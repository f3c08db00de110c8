import { BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import Bull, { Queue } from 'bull';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { QueueName } from './queue-name.enum';
import { TenantJobClass, TenantJobData, tenantJobOptions } from './tenant-job';

/** Opens the Bull queues on first use and adds jobs to them; closing waits for running jobs. */
@Injectable()
export class QueueService implements BeforeApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Bull(name, this.config.redis.url, {
        prefix: `${this.config.redis.keyPrefix}:bull`,
        // A killed worker's job is "stalled" once its lock expires; the next stalled check hands it to a
        // live worker (Bull's stalled-job recovery).
        settings: { lockDuration: this.config.worker.lockMs, stalledInterval: this.config.worker.lockMs },
        defaultJobOptions: {
          attempts: 3,
          backoff: { type: 'exponential', delay: 1000 },
          removeOnComplete: 1000,
          removeOnFail: 5000,
        },
      });
      this.queues.set(name, queue);
    }
    return queue;
  }

  async enqueue<D extends TenantJobData>(job: TenantJobClass<D>, data: D): Promise<string> {
    const options = tenantJobOptions(job);
    if (!options) throw new Error(`${job.name} is not decorated with @TenantJob`);
    const added = await this.queue(options.queue).add(options.name, data, {
      ...(options.attempts ? { attempts: options.attempts } : {}),
    });
    return String(added.id);
  }

  /** Bull's close() pauses the queue locally and waits for the jobs this process is running. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.queues.clear();
  }
}
