import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, GENERATE_SOUNDTRACK, QueueService } from '@loris/engine';
import { GenerateSoundtrackHandler } from '../jobs/generate-soundtrack.handler';
import { lostJobOf, QueuedJobState } from './lost-job';

// Rows checked per sweep: a backlog is worked off over several sweeps rather than in one long burst.
const BATCH = 200;

interface IdleRow {
  job_id: string;
  tenant_id: string;
}

/**
 * Ends soundtrack jobs that no live Bull job backs any more, whatever ended it without our code running
 * (a removed job, Redis trimmed or flushed, a failed event lost with the worker that would have handled it),
 * so a tenant's job slot is never held for good. Runs in every worker; two sweeps ending the same row write
 * once (GenerateSoundtrackHandler.endLost only touches unfinished rows, under the row lock).
 */
@Injectable()
export class SoundtrackReaper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('SoundtrackReaper');
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<number> | undefined;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly queues: QueueService,
    private readonly handler: GenerateSoundtrackHandler,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweepOnce(), this.config.reaper.intervalMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }

  /** One sweep unless one is already running; resolves with how many rows it ended. */
  sweepOnce(): Promise<number> {
    this.sweeping ??= this.sweep()
      .catch((error: Error) => {
        this.logger.warn(`sweep failed, next one in ${this.config.reaper.intervalMs} ms: ${error.message}`);
        return 0;
      })
      .finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  private async sweep(): Promise<number> {
    const rows: IdleRow[] = await this.dataSource.query(
      'SELECT job_id, tenant_id FROM reaper_idle_soundtrack_jobs($1::interval, $2)',
      [`${this.config.reaper.graceMs} milliseconds`, BATCH],
    );
    let ended = 0;
    for (const row of rows) {
      const lost = lostJobOf(await this.queuedState(row));
      if (!lost) continue;
      if (await this.handler.endLost(row.tenant_id, row.job_id, lost)) {
        this.logger.warn(`job ${row.job_id} had no live queue job: ended FAILED ${lost.code}`);
        ended += 1;
      }
    }
    return ended;
  }

  private async queuedState(row: IdleRow): Promise<QueuedJobState | undefined> {
    const bullId = GENERATE_SOUNDTRACK.jobId!({ tenantId: row.tenant_id, jobId: row.job_id });
    const job = await this.queues.queue(GENERATE_SOUNDTRACK.queue).getJob(bullId);
    if (!job) return undefined;
    return { state: await job.getState(), failedReason: job.failedReason };
  }
}
