import type { SoundtrackJob } from '../lib/job-types';
import { statusLabels } from '../lib/job-status';
import { stageLine } from '../lib/job-stage';

export function progressPercent(progress: number): string {
  return `${Math.round(Math.min(1, Math.max(0, progress)) * 100)}%`;
}

// Where a job stands: its status in words, what the worker is doing (with the time left while it
// generates), a bar, and why it failed. The status and stage are live regions, so a screen reader hears
// the job move on without the page being reloaded; the time left, which changes every step, is not.
export function JobProgress({ job }: { job: SoundtrackJob }) {
  const stage = stageLine(job);
  return (
    <div className="stack">
      <p className="job-status" role="status" aria-live="polite">
        <span className={`status-badge status-${job.status.toLowerCase()}`}>{statusLabels[job.status]}</span>{' '}
        <span className="muted">{progressPercent(job.progress)}</span>
      </p>
      {stage ? (
        <p className="job-stage">
          <span role="status" aria-live="polite">
            {stage.words}
          </span>
          {stage.eta ? <span className="muted"> · {stage.eta}</span> : null}
        </p>
      ) : null}
      <progress aria-label="Generation progress" max={1} value={job.progress} className="job-progress" />
      {job.error ? (
        <p className="notice notice-error" role="alert">
          <code>{job.error.code}</code>: {job.error.message}
        </p>
      ) : null}
    </div>
  );
}
