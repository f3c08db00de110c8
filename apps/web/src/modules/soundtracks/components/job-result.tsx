import type { SoundtrackJob } from '../lib/job-types';

function mediaPath(id: string): string {
  return `/media/${id}`;
}

// The finished soundtrack, played and downloaded through the console's media route (the API token stays on
// the server; Range requests pass through, so seeking works): the WAV always, and the video with its new
// music when the job was made from a video.
export function JobResult({ job }: { job: SoundtrackJob }) {
  if (!job.audio) return null;
  return (
    <div className="stack" aria-label="Result">
      <h2>Result</h2>
      {job.video ? (
        <video
          controls
          preload="metadata"
          src={mediaPath(job.video.id)}
          aria-label="Video with the soundtrack"
          className="result-video"
        />
      ) : null}
      <audio controls preload="auto" src={mediaPath(job.audio.id)} aria-label="Soundtrack audio" />
      <p className="result-links">
        <a href={`${mediaPath(job.audio.id)}?download=1`} download>
          Download WAV
        </a>
        {job.video ? (
          <a href={`${mediaPath(job.video.id)}?download=1`} download>
            Download MP4
          </a>
        ) : null}
      </p>
    </div>
  );
}
