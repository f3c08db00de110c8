import { JobDefinition, TenantJobData } from './job-definition';

/** What a handler may want to know about the run it is in, without seeing Bull. */
export interface JobRun {
  /** Bull's job id. */
  id: string;
  /** 1 for the first run, 2 for the first retry, ... */
  attempt: number;
  maxAttempts: number;
}

export const isLastAttempt = (run: JobRun) => run.attempt >= run.maxAttempts;

/**
 * A worker's processor of one job definition: a thin class in apps/worker that hands the payload to a
 * domain handler. Throwing makes Bull retry per the definition's policy.
 */
export interface JobProcessor<D extends TenantJobData = TenantJobData> {
  readonly job: JobDefinition<D>;
  process(data: D, run: JobRun): Promise<void>;
}

/** A processor class, as listed in the worker's registry. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JobProcessorClass = new (...args: any[]) => JobProcessor<any>;
