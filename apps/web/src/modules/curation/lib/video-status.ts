import type { VideoStatus } from '@/graphql/generated';

export const videoStatusLabels: Record<VideoStatus, string> = {
  QUEUED: 'Queued',
  INGESTING: 'Ingesting',
  READY: 'Ready',
  FAILED: 'Failed',
  CANCELLED: 'Cancelled',
};

/** Whether a video's ingest has ended: nothing more will change until it is added again. */
export function isIngestFinished(status: VideoStatus): boolean {
  return status === 'READY' || status === 'FAILED' || status === 'CANCELLED';
}
