/** What a tenant's limits measure: each is one bar on the usage page. */
export type QuotaKind =
  'AUDIO_SECONDS' | 'CONCURRENT_JOBS' | 'STORED_BYTES' | 'TRAINING_MINUTES' | 'EVALUATION_SAMPLES';

export interface QuotaUsageView {
  kind: QuotaKind;
  used: number;
  limit: number;
  /** Counted per UTC month (and renewed on the 1st), rather than standing (jobs running, bytes stored). */
  monthly: boolean;
  /** The tenant has a limit of its own (set by an operator) rather than the platform's default. */
  custom: boolean;
}

/** A past (or the current) month's generation. */
export interface MonthUsageView {
  /** The month's first instant, UTC. */
  month: Date;
  /** Seconds of audio charged: every job but the FAILED ones, as the quota counts them. */
  audioSeconds: number;
  jobs: number;
}

export interface TenantUsageView {
  periodStart: Date;
  periodEnd: Date;
  quotas: QuotaUsageView[];
  /** Months with any job, newest first, the current one included; at most HISTORY_MONTHS. */
  months: MonthUsageView[];
}

/** How far back the usage page lists months. */
export const HISTORY_MONTHS = 12;
