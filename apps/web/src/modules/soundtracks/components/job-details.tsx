import { formatDate } from '@/lib/format/format-date';
import { formatSeconds } from '@/lib/format/format-seconds';
import type { SoundtrackJobPage } from '../lib/job-types';

// What was asked for, of what, by which model, and when it ran: the settings are the ones the API settled on
// (the model's defaults for whatever the request left out), so the same seed and settings reproduce the
// same audio with the same model.
export function JobDetails({ job }: { job: SoundtrackJobPage }) {
  const rows: [string, string][] = [
    ['Input', job.inputName ?? 'Unnamed upload'],
    ['Input length', formatSeconds(job.inputSeconds)],
    ['Model', job.modelVersion ?? 'Not started yet'],
    // The registry version chosen when the job was requested (an alias moved since does not change it).
    ['Model version', job.modelVersionId],
    ['Genre', job.genre],
    ['Seconds', formatSeconds(job.seconds)],
    ['Seed', String(job.seed)],
    ['Steps', String(job.steps)],
    ['Sampler', job.sampler],
    ['Guidance', String(job.guidance)],
    ['Requested', formatDate(job.createdAt)],
    ['Started', formatDate(job.startedAt)],
    ['Finished', formatDate(job.finishedAt)],
  ];
  return (
    <dl className="details" aria-label="Job settings">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
