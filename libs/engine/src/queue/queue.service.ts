import { BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import Bull, { Queue } from 'bull';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { traceEnqueue } from '../observability/tracing/job-spans';
import { JobDefinition, TenantJobData } from './job-definition';
import { QueueName } from './queue-name.enum';

// An unreachable Redis makes ioredis queue the command and retry rather than fail: give up in time to
// answer the client.
const ENQUEUE_TIMEOUT_MS = 5000;

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
      });
      this.queues.set(name, queue);
    }
    return queue;
  }

  /**
   * Adds a job with its definition's options; resolves with its Bull id. Rejects after ENQUEUE_TIMEOUT_MS
   * when Redis does not answer: an add that lands later finds its work already answered (each handler
   * checks its row's state before doing anything).
   */
  async enqueue<D extends TenantJobData>(job: JobDefinition<D>, data: D): Promise<string> {
    return traceEnqueue(job.queue, job.name, data, (traced) => this.add(job, traced));
  }

  private async add<D extends TenantJobData>(job: JobDefinition<D>, data: D): Promise<string> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`enqueue of ${job.name} timed out after ${ENQUEUE_TIMEOUT_MS} ms`)),
        ENQUEUE_TIMEOUT_MS,
      );
    });
    const added = this.queue(job.queue).add(job.name, data, {
      ...job.options,
      ...(job.jobId ? { jobId: job.jobId(data) } : {}),
    });
    added.catch(() => undefined); // a late failure after the timeout is already answered
    try {
      return String((await Promise.race([added, timeout])).id);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Drops a job that no worker has taken yet; true when it was waiting (or delayed) and is gone. */
  async removeWaiting(queue: QueueName, bullJobId: string): Promise<boolean> {
    const job = await this.queue(queue).getJob(bullJobId);
    const state = await job?.getState();
    if (state !== 'waiting' && state !== 'delayed') return false;
    return job!
      .remove()
      .then(() => true)
      .catch(() => false);
  }

  /** Bull's close() pauses the queue locally and waits for the jobs this process is running. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.queues.clear();
  }
}
