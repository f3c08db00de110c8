import { Logger } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import type { JobMetrics } from '../observability/metrics/job-metrics';
import { TenantJobData } from './job-definition';
import { FinalFailure, JobProcessor } from './job-processor';

// Bull's reason when its stalled-job check fails a job (lib/queue.js moveUnlockedJobsToWait).
const STALLED_REASON = 'job stalled more than allowable limit';

/** The failure code of a job Bull gave up because its workers kept dying (rows and metrics alike). */
export const STALLED_FAILURE_CODE = 'WORKER_LOST';

/**
 * Hands every final failure of `processor`'s jobs on this queue to its onFinalFailure. Bull emits the
 * queue's local 'failed' event both after each failed attempt (then the job is only delayed for a retry)
 * and when its stalled-job check gives a job up: only the second kind, and the last attempt of the first,
 * are final. The stalled check runs in whichever worker notices the dead one, so every worker listens.
 */
export function watchFinalFailures(
  queue: Queue,
  processor: JobProcessor,
  logger: Logger,
  metrics?: JobMetrics,
): void {
  const onFinalFailure = processor.onFinalFailure?.bind(processor);
  queue.on('failed', (job: Job<TenantJobData> | null, error: Error | undefined) => {
    // null: removed already (removeOnFail); the reaper finds its row.
    if (!job || job.name !== processor.job.name) return;
    const failure = finalFailureOf(job, error);
    if (!failure) return;
    // A failed run was counted by the run itself; a job given up as stalled had no run to count it.
    if (failure.cause === 'stalled') metrics?.countFinalFailure(processor.job, STALLED_FAILURE_CODE);
    onFinalFailure?.(job.data, failure).catch((handlerError: Error) =>
      logger.error(`final failure of ${job.name} ${job.id} not recorded: ${handlerError.message}`),
    );
  });
}

/** The failure when it is final, undefined while Bull will still retry. */
export function finalFailureOf(
  job: Pick<Job, 'finishedOn' | 'failedReason'>,
  error: Error | undefined,
): FinalFailure | undefined {
  const reason = error?.message ?? job.failedReason ?? 'unknown';
  if (reason === STALLED_REASON) return { cause: 'stalled', reason };
  // moveToFailed sets finishedOn only when it does not retry.
  return job.finishedOn ? { cause: 'failed', reason } : undefined;
}
