import { VideoUpdatedDocument } from '@/graphql/generated';
import type { Credentials } from '@/lib/api/graphql-client';
import { subscriptionRelay } from '@/lib/api/subscription-relay';
import { isIngestFinished } from '../lib/video-status';

// Videos' ingest as Server-Sent Events `video` (videoUpdated relayed: see subscriptionRelay), until each
// video's ingest has ended.
export function videoEventStream(
  ids: readonly string[],
  credentials: Credentials,
  signal: AbortSignal,
): ReadableStream<Uint8Array> {
  return subscriptionRelay(
    {
      document: VideoUpdatedDocument,
      event: 'video',
      item: (data) => data.videoUpdated,
      finished: (video) => isIngestFinished(video.status),
    },
    ids,
    credentials,
    signal,
  );
}
