import { Inject, Injectable } from '@nestjs/common';
import { TenantUnitOfWork } from '@loris/db';
import { APP_CONFIG, AppConfig, TenantContext } from '@loris/engine';
import { quotaPeriod } from '../soundtracks/quota-period';
import { DefaultLimits, QuotaOverrides, tenantLimits } from './tenant-limits';
import { HISTORY_MONTHS, MonthUsageView, QuotaKind, TenantUsageView } from './tenant-usage.view';

interface StandingRow {
  active_jobs: number;
  month_seconds: number;
  stored_bytes: number;
  training_minutes: number;
  evaluation_samples: number;
  max_concurrent_jobs: number | null;
  max_seconds_per_month: number | null;
  max_stored_bytes: string | null;
  max_training_minutes_per_month: number | null;
  max_evaluation_samples_per_month: number | null;
}

interface MonthRow {
  month: Date;
  audio_seconds: number;
  jobs: number;
}

// Counted as the quota check counts them (SoundtrackQuotaService): FAILED jobs are not charged.
const STANDING_SQL = `
  SELECT
    (SELECT count(*)::int FROM soundtrack_jobs
       WHERE tenant_id = $1 AND status IN ('QUEUED', 'RUNNING')) AS active_jobs,
    (SELECT coalesce(sum(seconds), 0)::float8 FROM soundtrack_jobs
       WHERE tenant_id = $1 AND created_at >= $2 AND status <> 'FAILED') AS month_seconds,
    (SELECT coalesce(sum(bytes), 0)::float8 FROM artifacts WHERE tenant_id = $1) AS stored_bytes,
    -- As the training start check counts them (TrainingRunsService): runs started this month, to now.
    (SELECT coalesce(sum(extract(epoch FROM coalesce(ended_at, now()) - started_at)), 0)::float8 / 60
       FROM training_runs WHERE tenant_id = $1 AND started_at >= $2) AS training_minutes,
    -- As the evaluation start check counts them (EvaluationsService): a queued, running or finished run its
    -- total, a failed or cancelled one the samples it made.
    (SELECT coalesce(sum(CASE WHEN status IN ('QUEUED', 'RUNNING', 'SUCCEEDED') THEN total_samples
                              ELSE done_samples END), 0)::int
       FROM evaluation_runs WHERE tenant_id = $1 AND created_at >= $2) AS evaluation_samples,
    q.max_concurrent_jobs, q.max_seconds_per_month, q.max_stored_bytes,
    q.max_training_minutes_per_month, q.max_evaluation_samples_per_month
  FROM (SELECT 1) AS one
  LEFT JOIN tenant_quotas q ON q.tenant_id = $1`;

const MONTHS_SQL = `
  SELECT date_trunc('month', created_at, 'UTC') AS month,
         coalesce(sum(seconds) FILTER (WHERE status <> 'FAILED'), 0)::float8 AS audio_seconds,
         count(*)::int AS jobs
  FROM soundtrack_jobs
  WHERE tenant_id = $1 AND created_at >= $2
  GROUP BY 1
  ORDER BY 1 DESC`;

/**
 * A tenant's limits next to what it has used: this month's audio, the jobs running now, the bytes it
 * stores, and the months before, read in one read-only transaction of the tenant.
 * Training minutes are the wall-clock minutes of the runs started this month (running ones up to now).
 * Evaluation samples are those of the evaluations started this month.
 */
@Injectable()
export class TenantUsageService {
  private readonly defaults: DefaultLimits;

  constructor(
    private readonly uow: TenantUnitOfWork,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.defaults = {
      AUDIO_SECONDS: config.soundtracks.maxSecondsPerMonth,
      CONCURRENT_JOBS: config.soundtracks.maxConcurrentJobs,
      STORED_BYTES: config.quotas.maxStoredBytes,
      TRAINING_MINUTES: config.quotas.maxTrainingMinutesPerMonth,
      EVALUATION_SAMPLES: config.quotas.maxEvaluationSamplesPerMonth,
    };
  }

  async usage(caller: TenantContext, now = new Date()): Promise<TenantUsageView> {
    const period = quotaPeriod(now);
    const historyStart = new Date(
      Date.UTC(period.start.getUTCFullYear(), period.start.getUTCMonth() - (HISTORY_MONTHS - 1), 1),
    );
    const { standing, months } = await this.uow.read(caller.tenantId, async (query) => ({
      standing: (await query<StandingRow>(STANDING_SQL, [caller.tenantId, period.start]))[0],
      months: await query<MonthRow>(MONTHS_SQL, [caller.tenantId, historyStart]),
    }));
    const limits = tenantLimits(overridesOf(standing), this.defaults);
    const used: Record<QuotaKind, number> = {
      AUDIO_SECONDS: standing.month_seconds,
      CONCURRENT_JOBS: standing.active_jobs,
      STORED_BYTES: standing.stored_bytes,
      TRAINING_MINUTES: standing.training_minutes,
      EVALUATION_SAMPLES: standing.evaluation_samples,
    };
    const monthly = new Set<QuotaKind>(['AUDIO_SECONDS', 'TRAINING_MINUTES', 'EVALUATION_SAMPLES']);
    return {
      periodStart: period.start,
      periodEnd: period.end,
      quotas: (Object.keys(used) as QuotaKind[]).map((kind) => ({
        kind,
        used: used[kind],
        monthly: monthly.has(kind),
        ...limits[kind],
      })),
      months: months.map(monthView),
    };
  }
}

function overridesOf(row: StandingRow): QuotaOverrides {
  return {
    maxConcurrentJobs: row.max_concurrent_jobs,
    maxSecondsPerMonth: row.max_seconds_per_month,
    maxStoredBytes: row.max_stored_bytes === null ? null : Number(row.max_stored_bytes),
    maxTrainingMinutesPerMonth: row.max_training_minutes_per_month,
    maxEvaluationSamplesPerMonth: row.max_evaluation_samples_per_month,
  };
}

function monthView(row: MonthRow): MonthUsageView {
  return { month: row.month, audioSeconds: row.audio_seconds, jobs: row.jobs };
}
