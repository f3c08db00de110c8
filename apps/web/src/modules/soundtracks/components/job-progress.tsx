import type { SoundtrackJob } from '../lib/job-types';
import { statusLabels } from '../lib/job-status';

export function progressPercent(progress: number): string {
  return `${Math.round(Math.min(1, Math.max(0, progress)) * 100)}%`;
}

// Where a job stands: its status in words, a bar, and why it failed. The status line is a live region, so
// a screen reader hears the job move on without the page being reloaded.
export function JobProgress({ job }: { job: SoundtrackJob }) {
  return (
    <div className="stack">
      <p className="job-status" role="status" aria-live="polite">
        <span className={`status-badge status-${job.status.toLowerCase()}`}>{statusLabels[job.status]}</span>{' '}
        <span className="muted">{progressPercent(job.progress)}</span>
      </p>
      <progress aria-label="Generation progress" max={1} value={job.progress} className="job-progress" />
      {job.error ? (
        <p className="notice notice-error" role="alert">
          <code>{job.error.code}</code>: {job.error.message}
        </p>
      ) : null}
    </div>
  );
}
