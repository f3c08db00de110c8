import { SoundtrackJobUpdatedDocument } from '@/graphql/generated';
import type { Credentials } from '@/lib/api/graphql-client';
import { subscriptionRelay } from '@/lib/api/subscription-relay';
import { isFinished } from '../lib/job-status';

// A job's updates as Server-Sent Events `job` (soundtrackJobUpdated relayed: see subscriptionRelay), until
// each job has finished. The job page follows one id; the jobs list, its page's unfinished rows.
export function jobEventStream(
  ids: readonly string[],
  credentials: Credentials,
  signal: AbortSignal,
): ReadableStream<Uint8Array> {
  return subscriptionRelay(
    {
      document: SoundtrackJobUpdatedDocument,
      event: 'job',
      item: (data) => data.soundtrackJobUpdated,
      finished: (job) => isFinished(job.status),
    },
    ids,
    credentials,
    signal,
  );
}
