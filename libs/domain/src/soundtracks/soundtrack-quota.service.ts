import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@loris/engine';
import { quotaPeriod } from './quota-period';
import { ConcurrentJobsLimitError, MonthlySecondsQuotaError } from './soundtracks.exception';

// First key of the two-key advisory lock: the class "soundtrack quota"; the second is the tenant's hash.
const QUOTA_LOCK_CLASS = 6_000_001;

interface UsageRow {
  active: number;
  used: number;
  max_jobs: number | null;
  max_seconds: number | null;
}

/**
 * Checks a tenant's limits for a new job inside the transaction that inserts it. A per-tenant advisory
 * transaction lock serialises job creation for that tenant until commit, so two racing requests cannot both
 * see room for one more job: the second counts the first's row.
 */
@Injectable()
export class SoundtrackQuotaService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async reserve(manager: EntityManager, tenantId: string, seconds: number, now = new Date()): Promise<void> {
    await this.lock(manager, tenantId);
    await this.check(manager, tenantId, seconds, now);
  }

  /** Holds the tenant's job-creation lock until the transaction ends. */
  async lock(manager: EntityManager, tenantId: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [QUOTA_LOCK_CLASS, tenantId]);
  }

  /** Throws when one more job of `seconds` does not fit; call under lock() in the inserting transaction. */
  async check(manager: EntityManager, tenantId: string, seconds: number, now = new Date()): Promise<void> {
    const period = quotaPeriod(now);
    // FAILED jobs are not charged: the fault was ours or the input's, and no audio was delivered.
    const [usage]: UsageRow[] = await manager.query(
      `SELECT
         (SELECT count(*)::int FROM soundtrack_jobs
            WHERE tenant_id = $1 AND status IN ('QUEUED', 'RUNNING')) AS active,
         (SELECT coalesce(sum(seconds), 0)::float8 FROM soundtrack_jobs
            WHERE tenant_id = $1 AND created_at >= $2 AND status <> 'FAILED') AS used,
         (SELECT max_concurrent_jobs FROM tenant_quotas WHERE tenant_id = $1) AS max_jobs,
         (SELECT max_seconds_per_month FROM tenant_quotas WHERE tenant_id = $1) AS max_seconds`,
      [tenantId, period.start],
    );
    const maxJobs = usage.max_jobs ?? this.config.soundtracks.maxConcurrentJobs;
    const maxSeconds = usage.max_seconds ?? this.config.soundtracks.maxSecondsPerMonth;
    if (usage.active >= maxJobs) throw new ConcurrentJobsLimitError(maxJobs);
    if (usage.used + seconds > maxSeconds) {
      throw new MonthlySecondsQuotaError(maxSeconds, Math.max(0, maxSeconds - usage.used), period.end);
    }
  }
}
