'use client';

import type { DatasetVideoFragment } from '@/graphql/generated';
import { useLiveVideos } from './use-live-videos';
import { VideoTable } from './video-table';

// The dataset's videos, live while any of them ingests.
export function LiveVideoTable({
  datasetId,
  initial,
}: {
  datasetId: string;
  initial: DatasetVideoFragment[];
}) {
  const { videos, live } = useLiveVideos(datasetId, initial);
  return (
    <>
      <VideoTable videos={videos} />
      {live ? (
        <p className="muted" data-live="true">
          Ingest progress updates live.
        </p>
      ) : null}
    </>
  );
}
