import { EvaluationUpdatedDocument } from '@/graphql/generated';
import type { Credentials } from '@/lib/api/graphql-client';
import { subscriptionRelay } from '@/lib/api/subscription-relay';

const FINISHED = ['SUCCEEDED', 'FAILED', 'CANCELLED'];

// An evaluation's updates as Server-Sent Events `evaluation` (evaluationUpdated relayed), until it ends.
export function evaluationEventStream(
  id: string,
  credentials: Credentials,
  signal: AbortSignal,
): ReadableStream<Uint8Array> {
  return subscriptionRelay(
    {
      document: EvaluationUpdatedDocument,
      event: 'evaluation',
      item: (data) => data.evaluationUpdated,
      finished: (run) => FINISHED.includes(run.status),
    },
    [id],
    credentials,
    signal,
  );
}
