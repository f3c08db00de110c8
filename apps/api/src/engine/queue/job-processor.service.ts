import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Job } from 'bull';
import { TenantUnitOfWork } from '@loris/db';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { QueueService } from './queue.service';
import { TenantJobData, TenantJobHandler, tenantJobOptions } from './tenant-job';

/**
 * The worker's side of the queue module: finds every @TenantJob provider of the application and
 * processes its jobs, each inside the tenant unit of work named by the payload.
 */
@Injectable()
export class JobProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger(JobProcessor.name);

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly queues: QueueService,
    private readonly uow: TenantUnitOfWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const wrapper of this.discovery.getProviders()) {
      const options = wrapper.metatype ? tenantJobOptions(wrapper.metatype) : undefined;
      if (!options || !wrapper.instance) continue;
      const handler = wrapper.instance as TenantJobHandler<TenantJobData>;
      const queue = this.queues.queue(options.queue);
      void queue.process(options.name, this.config.worker.concurrency, (job: Job<TenantJobData>) =>
        this.run(options.name, handler, job),
      );
      this.logger.log(`processing ${options.queue}/${options.name}`);
    }
  }

  private async run(name: string, handler: TenantJobHandler<TenantJobData>, job: Job<TenantJobData>) {
    const started = Date.now();
    await this.uow.run(job.data.tenantId, (manager) => handler.handle(job.data, manager));
    this.logger.debug(`${name} #${job.id} done in ${Date.now() - started} ms`);
  }
}
