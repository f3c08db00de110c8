import type { SoundtrackJobPage } from '../lib/job-types';
import { SyncWaveform } from './sync-waveform';

function mediaPath(id: string): string {
  return `/media/${id}`;
}

// A download link of the job's file: named after the input, genre and seed by the media route (job=...).
function downloadPath(mediaId: string, jobId: string): string {
  return `${mediaPath(mediaId)}?download=1&job=${jobId}`;
}

// The finished soundtrack, played and downloaded through the console's media route (the API token stays on
// the server; Range requests pass through, so seeking works): the WAV always, and the video with its new
// music when the job was made from a video, around a waveform that shows where the music meets the dance.
export function JobResult({ job }: { job: SoundtrackJobPage }) {
  if (!job.audio) return null;
  return (
    <div className="stack" aria-label="Result">
      <h2>Result</h2>
      <SyncWaveform
        job={job}
        audioUrl={mediaPath(job.audio.id)}
        videoUrl={job.video ? mediaPath(job.video.id) : null}
      />
      <p className="result-links">
        <a href={downloadPath(job.audio.id, job.id)} download>
          Download WAV
        </a>
        {job.video ? (
          <a href={downloadPath(job.video.id, job.id)} download>
            Download MP4
          </a>
        ) : null}
      </p>
    </div>
  );
}
