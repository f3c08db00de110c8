'use client';

import { FormError } from '@/components/form-error';
import { isFinished } from '../lib/job-status';
import type { SoundtrackJobPage } from '../lib/job-types';
import { CancelJobButton } from './cancel-job-button';
import { GenerateAgainButton } from './generate-again-button';
import { JobDetails } from './job-details';
import { JobProgress } from './job-progress';
import { JobResult } from './job-result';
import { useJobUpdates } from './use-job-updates';

const connectionWords = {
  live: 'Live',
  polling: 'Checking every 2 s (live updates unavailable)',
  stopped: '',
};

// The job page's body: progress and stage that move as the worker reports them, the result and its sync
// once there is one, a cancel button while the job can still be stopped, and "Generate again" once it
// ended. `canCancel`: the member may request and cancel jobs; `nonce` keys "Generate again" to this page.
export function LiveJob({
  initial,
  canCancel,
  nonce,
}: {
  initial: SoundtrackJobPage;
  canCancel: boolean;
  nonce: string;
}) {
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
        {canCancel && isFinished(job.status) ? <GenerateAgainButton id={job.id} nonce={nonce} /> : null}
      </section>
      <section className="card side">
        <JobDetails job={job} />
      </section>
    </div>
  );
}
