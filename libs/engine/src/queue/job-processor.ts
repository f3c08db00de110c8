import type { JobReport } from '../observability/metrics/job-report';
import { JobDefinition, TenantJobData } from './job-definition';

/** What a handler may want to know about the run it is in, without seeing Bull. */
export interface JobRun {
  /** Bull's job id. */
  id: string;
  /** 1 for the first run, 2 for the first retry, ... */
  attempt: number;
  maxAttempts: number;
  /** Where the handler says how the run ended and what it measured, for the worker's metrics; absent when off. */
  report?: JobReport;
}

export const isLastAttempt = (run: JobRun) => run.attempt >= run.maxAttempts;

/**
 * How Bull gave a job up for good without the processor's own code ending it: 'stalled' when workers died
 * holding it more often than Bull allows (Bull fails it in its stalled-job check, no processor runs), 'failed'
 * when its last attempt threw.
 */
export interface FinalFailure {
  cause: 'stalled' | 'failed';
  /** Bull's reason, for the worker's log only. */
  reason: string;
}

/**
 * A worker's processor of one job definition: a thin class in apps/worker that hands the payload to a
 * domain handler. Throwing makes Bull retry per the definition's policy.
 */
export interface JobProcessor<D extends TenantJobData = TenantJobData> {
  readonly job: JobDefinition<D>;
  process(data: D, run: JobRun): Promise<void>;
  /**
   * Called once Bull has given the job up (see FinalFailure), so the job's own state (a row) never stays
   * "running". Must be idempotent: a job can be reported twice, or after process() already ended it.
   */
  onFinalFailure?(data: D, failure: FinalFailure): Promise<void>;
}

/** A processor class, as listed in the worker's registry. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JobProcessorClass = new (...args: any[]) => JobProcessor<any>;
