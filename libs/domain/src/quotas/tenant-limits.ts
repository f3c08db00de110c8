import { TenantQuotaEntity } from '@loris/db';
import { QuotaKind } from './tenant-usage.view';

/** A tenant's limit per kind, and whether it is the tenant's own. */
export type TenantLimits = Record<QuotaKind, { limit: number; custom: boolean }>;

/** The platform's defaults (AppConfig's soundtracks and quotas), one per kind. */
export type DefaultLimits = Record<QuotaKind, number>;

/** The tenant_quotas column behind each kind: the one place that maps the two. */
export const QUOTA_COLUMNS = {
  AUDIO_SECONDS: 'maxSecondsPerMonth',
  CONCURRENT_JOBS: 'maxConcurrentJobs',
  STORED_BYTES: 'maxStoredBytes',
  TRAINING_MINUTES: 'maxTrainingMinutesPerMonth',
  EVALUATION_SAMPLES: 'maxEvaluationSamplesPerMonth',
} as const satisfies Record<QuotaKind, keyof TenantQuotaEntity>;

export type QuotaOverrides = Partial<Pick<TenantQuotaEntity, (typeof QUOTA_COLUMNS)[QuotaKind]>>;

/** The tenant's own limit where it has one (a null column or no row means the default). */
export function tenantLimits(overrides: QuotaOverrides | null, defaults: DefaultLimits): TenantLimits {
  const limits = {} as TenantLimits;
  for (const [kind, column] of Object.entries(QUOTA_COLUMNS) as [QuotaKind, keyof QuotaOverrides][]) {
    const own = overrides?.[column];
    limits[kind] =
      own === null || own === undefined
        ? { limit: defaults[kind], custom: false }
        : { limit: own, custom: true };
  }
  return limits;
}
