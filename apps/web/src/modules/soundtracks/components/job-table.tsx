import Link from 'next/link';
import { DataTable } from '@/components/data-table';
import { formatDate } from '@/lib/format/format-date';
import { formatSeconds } from '@/lib/format/format-seconds';
import { isFinished, statusLabels } from '../lib/job-status';
import type { SoundtrackJob } from '../lib/job-types';
import { CancelJobButton } from './cancel-job-button';
import { progressPercent } from './job-progress';

export function JobTable({ jobs, canCancel }: { jobs: SoundtrackJob[]; canCancel: boolean }) {
  if (jobs.length === 0) return <p className="muted">No soundtracks here yet.</p>;
  return (
    <DataTable label="Soundtracks" columns={['Requested', 'Genre', 'Seconds', 'Status', 'Progress', '']}>
      {jobs.map((job) => (
        <tr key={job.id}>
          <td className="nowrap">
            <Link href={`/soundtracks/${job.id}`}>{formatDate(job.createdAt)}</Link>
          </td>
          <td>{job.genre}</td>
          <td>{formatSeconds(job.seconds)}</td>
          <td>{statusLabels[job.status]}</td>
          <td>{progressPercent(job.progress)}</td>
          <td>
            {canCancel && !isFinished(job.status) ? (
              <CancelJobButton id={job.id} label={`Cancel job ${job.id.slice(0, 8)}`} />
            ) : null}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
