import { Counter, Histogram, Registry } from 'prom-client';
import { isLastAttempt, JobRun } from '../../queue/job-processor';
import { JobReport, ReportedOutcome } from './job-report';

export const JOB_DURATION_METRIC = 'loris_job_duration_seconds';
export const JOBS_FAILED_METRIC = 'loris_jobs_failed_total';
export const REALTIME_FACTOR_METRIC = 'loris_generation_realtime_factor';

/**
 * How a run ended: succeeded; failed (for good: the handler ended its job FAILED, or its last attempt
 * threw); retried (it threw and Bull will try again); cancelled; skipped (nothing to do).
 */
export type JobOutcome = 'succeeded' | 'failed' | 'retried' | 'cancelled' | 'skipped';

/** The code of a thrown error without one of its own (or with one that is not an UPPER_SNAKE word). */
export const UNKNOWN_FAILURE_CODE = 'INTERNAL_ERROR';

/** From jobs of milliseconds (an audit row) to generations of minutes. */
const DURATION_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800];
/** Seconds of audio per second of compute: below 1 is slower than real time. */
const REALTIME_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64, 128];

/** The job's name as the registry knows it. */
export interface JobKey {
  queue: string;
  name: string;
}

/** A failure code fit for a label: the error's own (AppError, InferenceError, MediaError...) or INTERNAL_ERROR. */
export function failureCode(error: unknown): string {
  return codeLabel((error as { code?: unknown } | null | undefined)?.code);
}

// Codes are words like NO_PERSON_FOUND; anything else (a driver's numeric code, a message) would grow the
// label's values without bound.
const codeLabel = (code: unknown): string =>
  typeof code === 'string' && /^[A-Z][A-Z0-9_]{0,63}$/.test(code) ? code : UNKNOWN_FAILURE_CODE;

/** The worker's job series: run durations by outcome, final failures by code, generation speed. */
export class JobMetrics {
  private readonly duration: Histogram<'queue' | 'job' | 'outcome'>;
  private readonly failed: Counter<'queue' | 'job' | 'code'>;
  private readonly realtimeFactor: Histogram<never>;

  constructor(registry: Registry) {
    this.duration = new Histogram({
      name: JOB_DURATION_METRIC,
      help: 'Wall-clock seconds of one job run (one attempt), by queue, job name and outcome (succeeded, failed, retried, cancelled, skipped)',
      labelNames: ['queue', 'job', 'outcome'],
      buckets: DURATION_BUCKETS,
      registers: [registry],
    });
    this.failed = new Counter({
      name: JOBS_FAILED_METRIC,
      help: 'Jobs that ended failed for good (no retry left, or a fault of the input), by queue, job name and the failure code recorded for the job',
      labelNames: ['queue', 'job', 'code'],
      registers: [registry],
    });
    this.realtimeFactor = new Histogram({
      name: REALTIME_FACTOR_METRIC,
      help: 'Real-time factor of each soundtrack generation: seconds of audio produced per second of wall-clock compute (sampler and decoding on the model thread); above 1 is faster than real time',
      buckets: REALTIME_BUCKETS,
      registers: [registry],
    });
  }

  /**
   * Runs one job run, timed, with a JobReport in its JobRun. Its outcome: what the handler reported, else
   * succeeded when it resolves; when it throws, failed (with the error's code) on the last attempt and
   * retried before it. Rethrows, so Bull still sees the failure.
   */
  async track(job: JobKey, run: JobRun, work: (run: JobRun) => Promise<void>): Promise<void> {
    const started = process.hrtime.bigint();
    let reported: ReportedOutcome | undefined;
    const report: JobReport = {
      ended: (outcome) => (reported = outcome),
      generated: (audioSeconds, computeSeconds) => this.observeGeneration(audioSeconds, computeSeconds),
    };
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    try {
      await work({ ...run, report });
    } catch (error) {
      if (isLastAttempt(run)) this.record(job, { outcome: 'failed', code: failureCode(error) }, seconds());
      else this.record(job, { outcome: 'retried' }, seconds());
      throw error;
    }
    this.record(job, reported ?? { outcome: 'succeeded' }, seconds());
  }

  /** One run's duration and, when it failed for good, its code. */
  record(job: JobKey, ended: ReportedOutcome | { outcome: 'succeeded' | 'retried' }, seconds: number): void {
    this.duration.observe({ queue: job.queue, job: job.name, outcome: ended.outcome }, seconds);
    if (ended.outcome === 'failed')
      this.failed.inc({ queue: job.queue, job: job.name, code: codeLabel(ended.code) });
  }

  /** A job that ended failed for good without a run of its own (Bull gave it up as stalled). */
  countFinalFailure(job: JobKey, code: string): void {
    this.failed.inc({ queue: job.queue, job: job.name, code: codeLabel(code) });
  }

  observeGeneration(audioSeconds: number, computeSeconds: number): void {
    if (!(audioSeconds > 0) || !(computeSeconds > 0)) return;
    this.realtimeFactor.observe(audioSeconds / computeSeconds);
  }
}

/** metrics.track(...) when the worker records metrics (METRICS_ENABLED), else the bare run. */
export function trackJob(
  metrics: JobMetrics | undefined,
  job: JobKey,
  run: JobRun,
  work: (run: JobRun) => Promise<void>,
): Promise<void> {
  return metrics ? metrics.track(job, run, work) : work(run);
}
