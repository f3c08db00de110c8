'use client';

import Link from 'next/link';
import { DataTable } from '@/components/data-table';
import { formatDate } from '@/lib/format/format-date';
import { formatSeconds } from '@/lib/format/format-seconds';
import { isFinished, statusLabels } from '../lib/job-status';
import type { SoundtrackJob } from '../lib/job-types';
import { CancelJobButton } from './cancel-job-button';
import { InlinePlayButton, useInlinePlayer } from './inline-player';
import { progressPercent } from './job-progress';
import styles from './job-table.module.css';
import { useLiveJobs } from './use-live-jobs';

// The Soundtracks list: rows move as their jobs do (useLiveJobs), a finished row plays in place, and a
// failed row says why in the API's words.
export function JobTable({ jobs: initial, canCancel }: { jobs: SoundtrackJob[]; canCancel: boolean }) {
  const { jobs, live } = useLiveJobs(initial);
  const player = useInlinePlayer();
  if (jobs.length === 0) return <p className="muted">No soundtracks here yet.</p>;
  return (
    <>
      {live ? <p className="field-hint">Live: running jobs update here as they go.</p> : null}
      <DataTable
        label="Soundtracks"
        columns={['Requested', 'Input', 'Genre', 'Length', 'Status', 'Progress', 'Listen', '']}
      >
        {jobs.map((job) => (
          <tr key={job.id} data-job-id={job.id}>
            <td className="nowrap">
              <Link href={`/soundtracks/${job.id}`}>{formatDate(job.createdAt)}</Link>
            </td>
            <td className={styles.input}>{job.inputName ?? <span className="muted">Unnamed input</span>}</td>
            <td>{job.genre}</td>
            <td>{formatSeconds(job.seconds)}</td>
            <td>
              {statusLabels[job.status]}
              {job.error ? <p className={styles.failure}>{job.error.message}</p> : null}
            </td>
            <td>{progressPercent(job.progress)}</td>
            <td>
              {job.status === 'SUCCEEDED' && job.audio ? (
                <InlinePlayButton
                  src={`/media/${job.audio.id}`}
                  label={`the ${job.genre} soundtrack of ${formatDate(job.createdAt)}`}
                  player={player}
                />
              ) : null}
            </td>
            <td>
              {canCancel && !isFinished(job.status) ? (
                <CancelJobButton id={job.id} label={`Cancel job ${job.id.slice(0, 8)}`} />
              ) : null}
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
