import type { JobOptions } from 'bull';
import type { TraceCarrier } from '../observability/tracing/trace-carrier';
import { QueueName } from './queue-name.enum';

/** Every job payload names its tenant: the domain handler runs the job inside that tenant's unit of work. */
export interface TenantJobData {
  tenantId: string;
  /** Set by QueueService.enqueue when tracing is on: the producer span, so the worker's span continues the trace. */
  traceContext?: TraceCarrier;
}

/**
 * One kind of job: the queue it goes on, its name there, how Bull retries and keeps it, and (as a type)
 * its payload. Declared once in the registry (jobs.ts); the API enqueues with it, the worker's processor
 * names it, so neither side can disagree with the other about a job's name or policy.
 */
export interface JobDefinition<D extends TenantJobData> {
  queue: QueueName;
  /** Unique per queue. */
  name: string;
  /** attempts, backoff, timeout, removeOnComplete, removeOnFail. */
  options: Readonly<Omit<JobOptions, 'jobId'>>;
  /** A Bull job id derived from the payload: adding the same id twice keeps the first (idempotent enqueue). */
  jobId?: (data: D) => string;
}

export function defineJob<D extends TenantJobData>(definition: JobDefinition<D>): JobDefinition<D> {
  return definition;
}

/** The payload type of a definition. */
export type JobDataOf<J> = J extends JobDefinition<infer D> ? D : never;
