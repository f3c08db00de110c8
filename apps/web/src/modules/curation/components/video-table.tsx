import { DataTable } from '@/components/data-table';
import type { DatasetVideoFragment } from '@/graphql/generated';
import { formatDate } from '@/lib/format/format-date';
import { formatSeconds } from '@/lib/format/format-seconds';
import { progressPercent } from '@/modules/soundtracks/components/job-progress';
import { isIngestFinished, videoStatusLabels } from '../lib/video-status';

// A dataset's videos and where each one's ingest stands: its status, a bar while it runs, the segments cut
// so far, and why it failed in the API's words.
export function VideoTable({ videos }: { videos: DatasetVideoFragment[] }) {
  if (videos.length === 0) {
    return <p className="muted">No videos yet. Add some with the upload area.</p>;
  }
  return (
    <DataTable label="Videos" columns={['Name', 'Added', 'Length', 'Status', 'Segments']}>
      {videos.map((video) => (
        <tr key={video.id} data-video={video.id} data-status={video.status}>
          <td>{video.name ?? '-'}</td>
          <td className="nowrap">{formatDate(video.createdAt)}</td>
          <td className="nowrap">{formatSeconds(video.durationSeconds)}</td>
          <td>
            <span className={`status-badge status-${video.status.toLowerCase()}`}>
              {videoStatusLabels[video.status]}
            </span>
            {isIngestFinished(video.status) ? null : (
              <>
                {' '}
                <span className="muted">{progressPercent(video.progress)}</span>
                <progress aria-label="Ingest progress" max={1} value={video.progress} />
              </>
            )}
            {video.failureReason ? (
              <p className="notice notice-error" role="alert">
                {video.failureReason}
              </p>
            ) : null}
          </td>
          <td>{video.segmentCount}</td>
        </tr>
      ))}
    </DataTable>
  );
}
