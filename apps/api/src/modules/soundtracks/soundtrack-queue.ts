import { TenantJobData } from '../../engine/queue/tenant-job';

/** The generate queue's payload: the worker reads everything else from the job row. */
export interface GenerateSoundtrackJobData extends TenantJobData {
  jobId: string;
}

export const GENERATE_SOUNDTRACK = 'generate-soundtrack';

/** Redis channel of one job's updates (worker -> API subscriptions) and cancellations (API -> worker). */
export const jobChannel = (keyPrefix: string, jobId: string) => `${keyPrefix}:soundtrack-job:${jobId}`;
