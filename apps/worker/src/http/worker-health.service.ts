import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { GenerationThreads } from '@loris/domain';
import { APP_CONFIG, AppConfig, QueueName, QueueService } from '@loris/engine';

export type QueueStatus = 'up' | 'down';
export type ModelStatus = 'loaded' | 'not loaded' | 'not needed';

export interface WorkerReadiness {
  ready: boolean;
  /** Every queue this worker takes (WORKER_QUEUES) has its Redis connections ready and answers a PING. */
  queue: QueueStatus;
  /** The serving model's generation thread is up; 'not needed' when this worker does not take `generate`. */
  model: ModelStatus;
  /** Set once shutdown has begun: the worker finishes its running jobs and takes no more. */
  stopping?: true;
}

const PING_TIMEOUT_MS = 1000;

/**
 * What the worker's /healthz/ready answers, and the serving model's eager load: the model is loaded at start
 * (not on the first job), and loaded again by a readiness check that finds it missing (a failed load, a
 * crashed thread, a model directory that appeared since), so a worker becomes ready without a restart.
 */
@Injectable()
export class WorkerHealth implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private stopping = false;

  constructor(
    private readonly queues: QueueService,
    private readonly threads: GenerationThreads,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Only a worker that takes generate jobs needs the model. */
  get needsModel(): boolean {
    return this.config.worker.queues.includes(QueueName.GENERATE);
  }

  onApplicationBootstrap(): void {
    if (this.needsModel) void this.threads.preload();
  }

  beforeApplicationShutdown(): void {
    this.stopping = true;
  }

  async readiness(): Promise<WorkerReadiness> {
    const queue = await this.queueStatus();
    const model = this.modelStatus();
    const ready = !this.stopping && queue === 'up' && model !== 'not loaded';
    return { ready, queue, model, ...(this.stopping ? { stopping: true as const } : {}) };
  }

  private modelStatus(): ModelStatus {
    if (!this.needsModel) return 'not needed';
    if (this.threads.modelLoaded) return 'loaded';
    void this.threads.preload();
    return 'not loaded';
  }

  private async queueStatus(): Promise<QueueStatus> {
    const checks = this.config.worker.queues.map(async (name) => {
      const queue = this.queues.queue(name);
      if (!queue.clients.every((client) => client.status === 'ready')) return false;
      return pingWithin(() => queue.client.ping(), PING_TIMEOUT_MS);
    });
    return (await Promise.all(checks)).every(Boolean) ? 'up' : 'down';
  }
}

async function pingWithin(ping: () => Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([
      ping().then(
        () => true,
        () => false,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
