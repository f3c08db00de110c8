export enum SoundtrackJobStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}

/** Jobs that count against a tenant's concurrent-job limit. */
export const ACTIVE_JOB_STATUSES = [SoundtrackJobStatus.QUEUED, SoundtrackJobStatus.RUNNING];
