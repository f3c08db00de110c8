import { JOB_LOST, LostJob, describeFinalFailure } from '../jobs/job-failure';

/** Where Bull says a job is, as far as the reaper cares; undefined when Redis no longer holds it. */
export interface QueuedJobState {
  state: string;
  failedReason?: string;
}

// Bull's reason when its stalled-job check gives a job up.
const STALLED = /stalled more than/;

/**
 * How an unfinished row ends when its Bull job can no longer finish it: gone (removed, or trimmed by
 * removeOnFail after failing), failed for good, or completed without writing the row. undefined while the
 * job is still waiting, delayed, active or between two of Bull's lists ('stuck' is read non-atomically).
 */
export function lostJobOf(queued: QueuedJobState | undefined): LostJob | undefined {
  if (!queued) return JOB_LOST;
  if (queued.state === 'failed') {
    const stalled = STALLED.test(queued.failedReason ?? '');
    return describeFinalFailure({ cause: stalled ? 'stalled' : 'failed', reason: queued.failedReason ?? '' });
  }
  if (queued.state === 'completed') return JOB_LOST;
  return undefined;
}
