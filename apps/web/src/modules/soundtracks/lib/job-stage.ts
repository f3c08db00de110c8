import type { SoundtrackJobStage } from '@/graphql/generated';

// Typed on the generated enum, so a stage added to the API fails the type check until it has words.
export const stageLabels: Record<SoundtrackJobStage, string> = {
  QUEUED: 'Waiting for a worker',
  ESTIMATING_POSES: 'Estimating poses',
  GENERATING: 'Generating',
  MUXING: 'Muxing the video',
  ANALYSING: 'Measuring the sync',
  DONE: 'Done',
};

// The time left as a person reads it: seconds under a minute, then minutes and seconds.
export function formatEta(seconds: number | null | undefined): string | null {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return null;
  const whole = Math.ceil(seconds);
  if (whole < 1) return 'almost done';
  if (whole < 60) return `about ${whole} s left`;
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  return rest === 0 ? `about ${minutes} min left` : `about ${minutes} min ${rest} s left`;
}

// What a running job is doing, in words, with the sampler's ETA while it generates; where a failed or
// cancelled job stopped; nothing for a queued or finished one (its status says it all).
export function stageLine(job: {
  status: string;
  stage: SoundtrackJobStage;
  etaSeconds?: number | null;
}): { words: string; eta: string | null } | null {
  if (job.status === 'RUNNING') {
    return {
      words: stageLabels[job.stage],
      eta: job.stage === 'GENERATING' ? formatEta(job.etaSeconds) : null,
    };
  }
  if (
    (job.status === 'FAILED' || job.status === 'CANCELLED') &&
    job.stage !== 'QUEUED' &&
    job.stage !== 'DONE'
  ) {
    return { words: `Stopped while ${stageLabels[job.stage].toLowerCase()}`, eta: null };
  }
  return null;
}
