'use client';

import { FormError } from '@/components/form-error';
import { isFinished } from '../lib/job-status';
import type { SoundtrackJob } from '../lib/job-types';
import { CancelJobButton } from './cancel-job-button';
import { JobDetails } from './job-details';
import { JobProgress } from './job-progress';
import { JobResult } from './job-result';
import { useJobUpdates } from './use-job-updates';

const connectionWords = {
  live: 'Live',
  polling: 'Checking every 2 s (live updates unavailable)',
  stopped: '',
};

// The job page's body: progress that moves as the worker reports each sampler step, the result once there
// is one, and a cancel button while the job can still be stopped.
export function LiveJob({ initial, canCancel }: { initial: SoundtrackJob; canCancel: boolean }) {
  const { job, failure, connection } = useJobUpdates(initial);
  return (
    <div className="columns">
      <section className="card grow stack" aria-label="Progress">
        <JobProgress job={job} />
        {connection !== 'stopped' ? <p className="field-hint">{connectionWords[connection]}</p> : null}
        <FormError message={failure ? `Live updates stopped: ${failure.message}` : undefined} />
        {canCancel && !isFinished(job.status) ? (
          <CancelJobButton id={job.id} label="Cancel this job" />
        ) : null}
        {job.status === 'SUCCEEDED' ? <JobResult job={job} /> : null}
      </section>
      <section className="card side">
        <JobDetails job={job} />
      </section>
    </div>
  );
}
